// ssl-quality · InterpretResult.swift — the result of `interpret`, the documented `interpret --json` document.

import SSLQuality

/// Mean IoU and heatmap share of core and spurious masks over all pairs (``overlap``,
/// flattened into the document), the constant heatmaps, and — with predictions — the
/// accuracy and the same means per correctly and incorrectly classified images; per
/// Salient ImageNet feature with `--per-feature`; the protocol and the run time.
public struct InterpretResult: Codable, Sendable, Equatable {
  public var images: Int
  public var overlap: OverlapFields
  public var flatHeatmaps: Int
  /// Present only with predictions.
  public var accuracy: Double?
  @NullWhenAbsent public var byCorrectness: ByCorrectness?
  public var byFeature: [Feature]
  public var `protocol`: Settings
  public var seconds: Double

  /// `images`, then the flattened ``OverlapFields``, then the rest.
  enum CodingKeys: String, OrderedCodingKey {
    case images, flatHeatmaps = "flat_heatmaps", accuracy, byCorrectness = "by_correctness", byFeature = "by_feature"
    case `protocol`, seconds

    var position: Int { self == .images ? 0 : 20 + (Self.allCases.firstIndex(of: self) ?? 0) }
  }

  init(
    images: Int, overlap: OverlapFields, flatHeatmaps: Int, accuracy: Double?, byCorrectness: ByCorrectness?, byFeature: [Feature],
    protocol: Settings, seconds: Double
  ) {
    (self.images, self.overlap, self.flatHeatmaps, self.accuracy) = (images, overlap, flatHeatmaps, accuracy)
    (self.byCorrectness, self.byFeature, self.protocol, self.seconds) = (byCorrectness, byFeature, `protocol`, seconds)
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    images = try c.decode(Int.self, forKey: .images)
    overlap = try OverlapFields(from: decoder)
    flatHeatmaps = try c.decode(Int.self, forKey: .flatHeatmaps)
    accuracy = try c.decodeIfPresent(Double.self, forKey: .accuracy)
    _byCorrectness = try c.decode(NullWhenAbsent<ByCorrectness>.self, forKey: .byCorrectness)
    byFeature = try c.decode([Feature].self, forKey: .byFeature)
    `protocol` = try c.decode(Settings.self, forKey: .protocol)
    seconds = try c.decode(Double.self, forKey: .seconds)
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(images, forKey: .images)
    try overlap.encode(to: encoder)
    try c.encode(flatHeatmaps, forKey: .flatHeatmaps)
    try c.encodeIfPresent(accuracy, forKey: .accuracy)
    try c.encode(_byCorrectness, forKey: .byCorrectness)
    try c.encode(byFeature, forKey: .byFeature)
    try c.encode(`protocol`, forKey: .protocol)
    try c.encode(seconds, forKey: .seconds)
  }

  /// ``InterpretabilitySummary`` with the documented keys.
  public struct OverlapFields: Codable, Sendable, Equatable {
    public var pairs: Int, corePairs: Int, spuriousPairs: Int
    @FiniteOrNull public var coreIou: Double
    @FiniteOrNull public var spuriousIou: Double
    @FiniteOrNull public var difference: Double
    @FiniteOrNull public var coreShare: Double
    @FiniteOrNull public var spuriousShare: Double

    /// After `images` in a flattened object.
    enum CodingKeys: String, OrderedCodingKey {
      case pairs, corePairs = "core_pairs", spuriousPairs = "spurious_pairs", coreIou = "core_iou", spuriousIou = "spurious_iou"
      case difference, coreShare = "core_share", spuriousShare = "spurious_share"
      static var firstPosition: Int { 1 }
    }

    init(_ s: InterpretabilitySummary) {
      (pairs, corePairs, spuriousPairs) = (s.pairs, s.core.pairs, s.spurious.pairs)
      (coreIou, spuriousIou, difference) = (s.core.iou, s.spurious.iou, s.difference)
      (coreShare, spuriousShare) = (s.core.share, s.spurious.share)
    }
  }

  /// The images classified correctly, or not, and their overlap means.
  public struct Group: Codable, Sendable, Equatable {
    public var images: Int
    public var overlap: OverlapFields

    init(images: Int, overlap: OverlapFields) { (self.images, self.overlap) = (images, overlap) }

    private enum CodingKeys: String, OrderedCodingKey { case images }

    public init(from decoder: any Decoder) throws {
      images = try decoder.container(keyedBy: CodingKeys.self).decode(Int.self, forKey: .images)
      overlap = try OverlapFields(from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(images, forKey: .images)
      try overlap.encode(to: encoder)
    }
  }

  public struct ByCorrectness: Codable, Sendable, Equatable {
    public var correct: Group, incorrect: Group

    enum CodingKeys: String, OrderedCodingKey {
      case correct, incorrect
    }
  }

  /// One Salient ImageNet feature's pairs.
  public struct Feature: Codable, Sendable, Equatable {
    public var wnid: String
    @NullWhenAbsent public var classIndex: Int?
    public var featureIndex: Int
    /// `core` or `spurious`.
    public var kind: String
    public var pairs: Int
    @FiniteOrNull public var iou: Double
    @FiniteOrNull public var share: Double

    enum CodingKeys: String, OrderedCodingKey {
      case wnid, classIndex = "class_index", featureIndex = "feature_index", kind, pairs, iou, share
    }
  }

  /// How heatmaps and masks were brought to one geometry and binarised.
  public struct Settings: Codable, Sendable, Equatable {
    public var layout: String, masks: String, maskResize: String, heatmapResize: String
    public var size: Int
    public var crop: Bool
    public var heatmapThreshold: Double, maskThreshold: Double

    enum CodingKeys: String, OrderedCodingKey {
      case layout, masks, maskResize = "mask_resize", heatmapResize = "heatmap_resize", size, crop
      case heatmapThreshold = "heatmap_threshold", maskThreshold = "mask_threshold"
    }
  }
}
