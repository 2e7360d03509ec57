// ssl-quality · InterpretabilityScorer.swift — every image's heatmap against its masks, on all cores.

import Foundation
import SSLQuality
import SSLQualityIO
import Synchronization

/// The overlaps of one image's heatmap with each of its masks.
public struct ImageOverlaps: Sendable {
  /// One per mask reference, in the same order.
  public var overlaps: [MaskOverlap]
  /// Whether the heatmap was constant (no active pixels, no mass).
  public var flatHeatmap: Bool
}

/// Scores heatmaps against masks: geometry, normalisation and binarisation as
/// ``ImageGeometry`` and ``NormalizedHeatmap`` define them, images decoded and scored on
/// `threads` workers, one image per worker at a time (memory does not grow with the
/// number of images beyond the small per-pair results).
public struct InterpretabilityScorer: Sendable {
  public var geometry = ImageGeometry()
  /// Normalised heatmap values `>=` this are active (compared in `Float`).
  public var heatmapThreshold = 0.6
  /// Mask values `>=` this are inside the mask (compared in `Float`).
  public var maskThreshold = 0.5

  public init() {}

  /// Scores image `i` of `images` (heatmap from `heatmaps`) against `masks[i]` on the
  /// context's workers; reports ``ProgressEvent/images(count:total:)`` per image.
  ///
  /// - Throws: the ``InputError`` of the first image (in list order) that fails: an
  ///   unreadable heatmap or mask, NaN/Inf in a heatmap, or sizes that differ after the
  ///   geometry.
  public func score(
    heatmaps: HeatmapSource, images: ImageList, masks: [[MaskReference]], context: ExecutionContext
  ) throws -> [ImageOverlaps] {
    precondition(masks.count == images.count, "one mask list per image")
    let firstFailure = FirstFailure()
    let results = context.parallelMap(images.count, workerState: { RowScratch() }) { index, scratch -> Result<ImageOverlaps, InputError>? in
      guard !firstFailure.isBefore(index) else { return nil }
      defer { context.report(.images(count: 1, total: images.count)) }
      do {
        return .success(try scoreImage(index, heatmaps: heatmaps, images: images, masks: masks[index], scratch: scratch))
      } catch {
        firstFailure.record(index)
        return .failure(error as? InputError ?? InputError(images.describe(index), "\(error)"))
      }
    }
    if let failed = firstFailure.index, case .failure(let error)? = results[failed] { throw error }
    return try results.compactMap { try $0?.get() }
  }

  private func scoreImage(
    _ index: Int, heatmaps: HeatmapSource, images: ImageList, masks: [MaskReference], scratch: RowScratch
  ) throws -> ImageOverlaps {
    let id = images.entries[index].id
    let raw = try heatmaps.load(index, id: id, scratch: scratch)
    try checkOutputSize(width: raw.width, height: raw.height, name: heatmaps.fileName(for: id))
    guard let heatmap = NormalizedHeatmap(geometry.apply(raw), threshold: Float(heatmapThreshold)) else {
      throw InputError(heatmaps.fileName(for: id), "the heatmap of \(images.describe(index)) holds NaN or Inf")
    }
    let overlaps = try masks.map { reference in
      let mask: GrayImage
      if reference.quantized {
        let native = try MaskFile.loadQuantized(reference.paths)
        try checkOutputSize(width: native.width, height: native.height, name: reference.paths[0])
        mask = geometry.applyAntialiased(native)
      } else {
        let native = try MaskFile.load(reference.paths)
        try checkOutputSize(width: native.width, height: native.height, name: reference.paths[0])
        mask = geometry.applyAntialiased(native)
      }
      guard mask.width == heatmap.width, mask.height == heatmap.height else {
        throw InputError(
          reference.paths[0],
          "is \(mask.width)×\(mask.height) after resizing but the heatmap of \(images.describe(index)) is \(heatmap.width)×\(heatmap.height) (different aspect ratios need the center crop)")
      }
      return heatmap.overlap(with: mask, maskThreshold: Float(maskThreshold))
    }
    return ImageOverlaps(overlaps: overlaps, flatHeatmap: heatmap.isFlat)
  }
}

extension InterpretabilityScorer {
  /// Most pixels an image may have after the geometry (a sliver resized without the crop
  /// could otherwise ask for gigabytes).
  static let outputPixelLimit = 1 << 26

  private func checkOutputSize(width inWidth: Int, height inHeight: Int, name: String) throws {
    let (width, height) = geometry.outputExtent(width: inWidth, height: inHeight)
    guard width.multipliedReportingOverflow(by: height).partialValue <= Self.outputPixelLimit, width <= Self.outputPixelLimit,
      height <= Self.outputPixelLimit
    else {
      throw InputError(name, "is \(inWidth)×\(inHeight), which resizes to \(width)×\(height) without the crop; too large")
    }
  }
}

/// The lowest image index that failed so far; workers stop before later images.
private final class FirstFailure: Sendable {
  private let failed = Mutex<Int?>(nil)

  var index: Int? { failed.withLock { $0 } }

  func record(_ index: Int) { failed.withLock { $0 = min($0 ?? index, index) } }

  /// Whether an image before `index` has already failed.
  func isBefore(_ index: Int) -> Bool { failed.withLock { $0.map { $0 < index } ?? false } }
}
