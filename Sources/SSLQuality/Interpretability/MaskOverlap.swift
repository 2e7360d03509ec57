// ssl-quality · MaskOverlap.swift — IoU and mass share of a heatmap against a mask.

/// A heatmap min-max normalised to [0, 1] and binarised, ready to be compared with masks
/// of the same geometry.
///
/// Normalisation is `(h − min) / (max − min)` in `Float`; a constant heatmap ("flat")
/// normalises to all zeros, so it has no active pixels and no mass. A pixel is active when
/// its normalised value is `>= threshold`.
public struct NormalizedHeatmap: Sendable {
  public let width: Int, height: Int
  /// Normalised values, row by row.
  public let values: [Float]
  /// The binarisation threshold in [0, 1].
  public let threshold: Float
  /// Sum of the normalised values (the heatmap's mass).
  public let mass: Double
  /// Number of active pixels.
  public let activeCount: Int
  /// Whether the heatmap was constant before normalisation.
  public let isFlat: Bool

  /// Normalises and binarises `image`; `nil` when it is empty or holds NaN or infinite values.
  public init?(_ image: GrayImage, threshold: Float) {
    guard let (low, high) = image.finiteRange else { return nil }
    let range = high - low, count = image.pixels.count
    let values = range > 0 ? PixelKernels.normalized(image.pixels.span, low: low, range: range) : [Float](repeating: 0, count: count)
    self.width = image.width
    self.height = image.height
    self.threshold = threshold
    (mass, activeCount) = (PixelKernels.sum(values.span), PixelKernels.count(values.span, atLeast: threshold))
    self.values = values
    self.isFlat = !(range > 0)
  }

  /// How this heatmap overlaps `mask` binarised at `maskThreshold` (a pixel is inside
  /// the mask when its value is `>= maskThreshold`).
  ///
  /// - Precondition: `mask` has the heatmap's width and height.
  public func overlap(with mask: GrayImage, maskThreshold: Float) -> MaskOverlap {
    precondition(mask.width == width && mask.height == height, "mask and heatmap differ in size")
    let (intersection, union, inside) = PixelKernels.overlapCounts(
      values.span, atLeast: threshold, mask.pixels.span, atLeast: maskThreshold)
    let massInside = PixelKernels.sum(values.span, gate: mask.pixels.span, atLeast: maskThreshold)
    return MaskOverlap(
      intersection: intersection, union: union, maskPixels: inside, heatmapPixels: activeCount,
      massInside: massInside, mass: mass)
  }
}

/// The overlap of one binarised heatmap `M` with one binarised mask `C`.
public struct MaskOverlap: Sendable, Equatable {
  /// `|M ∩ C|` and `|M ∪ C|` in pixels.
  public var intersection: Int, union: Int
  /// `|C|` and `|M|` in pixels.
  public var maskPixels: Int, heatmapPixels: Int
  /// Heatmap mass inside `C`, and in all.
  public var massInside: Double, mass: Double

  public init(intersection: Int, union: Int, maskPixels: Int, heatmapPixels: Int, massInside: Double, mass: Double) {
    self.intersection = intersection
    self.union = union
    self.maskPixels = maskPixels
    self.heatmapPixels = heatmapPixels
    self.massInside = massInside
    self.mass = mass
  }

  /// `|M ∩ C| / |M ∪ C|`, 0 when the union is empty.
  public var iou: Double { union > 0 ? Double(intersection) / Double(union) : 0 }

  /// The share of the (normalised, unthresholded) heatmap's mass inside `C`; 0 for a
  /// heatmap without mass.
  public var share: Double { mass > 0 ? massInside / mass : 0 }
}
