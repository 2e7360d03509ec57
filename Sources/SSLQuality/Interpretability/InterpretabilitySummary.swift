// ssl-quality · InterpretabilitySummary.swift — mean IoU and mass share with core and spurious masks.

/// Whether a mask marks a region the class is about (core) or a shortcut (spurious).
public enum MaskKind: String, Sendable, CaseIterable {
  case core, spurious
}

/// Means over a set of (heatmap, mask) pairs of one kind.
public struct OverlapMeans: Sendable, Equatable {
  /// Number of pairs.
  public var pairs: Int
  /// Mean IoU and mean mass share; NaN when there are no pairs.
  public var iou: Double, share: Double

  /// The means of `overlaps`.
  public init(_ overlaps: some Sequence<MaskOverlap>) {
    var count = 0, iouSum = 0.0, shareSum = 0.0
    for overlap in overlaps {
      count += 1
      iouSum += overlap.iou
      shareSum += overlap.share
    }
    pairs = count
    iou = count > 0 ? iouSum / Double(count) : .nan
    share = count > 0 ? shareSum / Double(count) : .nan
  }
}

/// Mean IoU and mass share with core masks, with spurious masks, and their difference.
public struct InterpretabilitySummary: Sendable, Equatable {
  public var core: OverlapMeans, spurious: OverlapMeans

  /// Summarises `pairs` of mask kind and overlap.
  public init(_ pairs: some Sequence<(kind: MaskKind, overlap: MaskOverlap)>) {
    let all = Array(pairs)
    core = OverlapMeans(all.lazy.filter { $0.kind == .core }.map(\.overlap))
    spurious = OverlapMeans(all.lazy.filter { $0.kind == .spurious }.map(\.overlap))
  }

  /// Mean core IoU minus mean spurious IoU (NaN unless both kinds have pairs).
  public var difference: Double { core.iou - spurious.iou }

  /// Number of pairs of both kinds.
  public var pairs: Int { core.pairs + spurious.pairs }
}
