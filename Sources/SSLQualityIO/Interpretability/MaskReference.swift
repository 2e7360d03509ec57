// ssl-quality · MaskReference.swift — one mask (one file, or several combined) to compare with an image's heatmap.

import SSLQuality

/// One mask to compare with an image's heatmap: one file, or several combined by
/// element-wise maximum.
public struct MaskReference: Sendable, Equatable {
  public var kind: MaskKind
  public var paths: [String]
  /// The Salient ImageNet features the mask combines (one per path), when it comes from
  /// that tree, and their class.
  public var features: [SalientFeatureVerdicts.Feature]
  public var classIndex: Int?
  /// Whether the mask is read as Salient ImageNet's loader reads it: 8-bit samples,
  /// combined by ``ByteImage/maximumQuantized(_:)`` and resized in 8 bits. Otherwise the
  /// masks are read as `Float` in [0, 1], combined by maximum and resized in `Float`.
  public var quantized: Bool

  public init(
    kind: MaskKind, paths: [String], features: [SalientFeatureVerdicts.Feature] = [], classIndex: Int? = nil,
    quantized: Bool = false
  ) {
    self.kind = kind
    self.paths = paths
    self.features = features
    self.classIndex = classIndex
    self.quantized = quantized
  }

  /// The one feature of a per-feature Salient ImageNet mask.
  public var feature: SalientFeatureVerdicts.Feature? { features.count == 1 ? features[0] : nil }
}
