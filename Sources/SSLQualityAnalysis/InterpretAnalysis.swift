// ssl-quality · InterpretAnalysis.swift — heatmaps against core and spurious masks.

import Foundation
import SSLQuality
import SSLQualityIO
import SSLQualityReport

/// Scores how well per-image heatmaps (e.g. Grad-CAMs of the discriminative features)
/// overlap core and spurious masks (``InterpretabilityScorer``), from a plain mask layout or
/// Salient ImageNet as it ships; split by correctly and incorrectly classified images when
/// predictions and labels are given.
public struct InterpretAnalysis: Analysis {
  /// An `[N, H, W]` heatmap array aligned with ``images``, or a directory of `<id>.npy|png|jpeg`.
  public var heatmaps: String
  /// Image ids, one per line (default for a heatmap directory: its ids, sorted).
  public var images: String?
  /// Plain layout: directories of core and spurious masks.
  public var coreMasks: String?, spuriousMasks: String?
  /// Salient ImageNet: its root and crowd-sourcing CSV; one pair per (image, feature) with `perFeature`.
  public var salientImagenet: String?, mturk: String?
  public var perFeature = false
  /// A classifier's predicted labels and the true labels, aligned with the images.
  public var predictions: String?, labels: String?
  /// Resizing, cropping and binarising.
  public var scorer = InterpretabilityScorer()

  public init(heatmaps: String) { self.heatmaps = heatmaps }

  /// - Throws: ``InputError`` for unreadable, malformed or mismatched files.
  public func run(context: ExecutionContext, notices: NoticeSink) throws -> InterpretOutcome {
    let started = Date()
    let source = try HeatmapSource.open(heatmaps)
    let list = try imageList(for: source)
    let layout = try MaskLayout.open(
      coreMasks: coreMasks, spuriousMasks: spuriousMasks, salientRoot: salientImagenet, mturk: mturk, perFeature: perFeature)
    let masks = try layout.references(for: list)
    let correct = try ProbeOutcome.read(labels: labels, predictions: predictions, probabilities: nil, rows: list.count, of: list.name)?.correct
    let results = try scorer.score(heatmaps: source, images: list, masks: masks, context: context)
    context.report(.finished)
    return InterpretOutcome(
      images: list, masks: masks, results: results, correct: correct, layout: layout.name, perFeature: perFeature, scorer: scorer,
      seconds: Date().timeIntervalSince(started))
  }

  /// The image ids: from ``images`` (checked against a heatmap stack's length) or a heatmap directory.
  private func imageList(for source: HeatmapSource) throws -> ImageList {
    guard let images else {
      guard case .directory(let directory) = source else {
        throw InputError(heatmaps, "--images is required when --heatmaps is an array: it names the image of each heatmap")
      }
      return try ImageList(name: directory.path, ids: directory.ids)
    }
    let list = try ImageList(contentsOf: images)
    if let count = source.count, count != list.count {
      throw InputError(images, "lists \(list.count) images but \(source.name) holds \(count) heatmaps")
    }
    return list
  }
}

/// Every scored (image, mask) pair of an ``InterpretAnalysis``, and the result summarising them.
public struct InterpretOutcome: AnalysisOutcome {
  /// One scored (image, mask) pair.
  public struct Pair: Sendable {
    public var image: Int
    public var mask: MaskReference
    public var overlap: MaskOverlap
  }

  public var images: ImageList
  public var pairs: [Pair]
  public var flatHeatmaps: Int
  /// Whether each image was classified correctly, when predictions were given.
  public var correct: [Bool]?
  /// `plain` or `salient_imagenet`.
  public var layout: String
  /// Whether Salient ImageNet masks are per (image, feature) rather than per (image, kind).
  public var perFeature: Bool
  public var scorer: InterpretabilityScorer
  public var seconds: Double

  init(
    images: ImageList, masks: [[MaskReference]], results: [ImageOverlaps], correct: [Bool]?, layout: String,
    perFeature: Bool, scorer: InterpretabilityScorer, seconds: Double
  ) {
    self.images = images
    pairs = results.indices.flatMap { image in
      zip(masks[image], results[image].overlaps).map { Pair(image: image, mask: $0, overlap: $1) }
    }
    flatHeatmaps = results.count { $0.flatHeatmap }
    self.correct = correct
    self.layout = layout
    self.perFeature = perFeature
    self.scorer = scorer
    self.seconds = seconds
  }

  /// Mean IoU and heatmap share of core and spurious masks over `selected`.
  public func summary(of selected: some Sequence<Pair>) -> InterpretabilitySummary {
    InterpretabilitySummary(selected.map { (kind: $0.mask.kind, overlap: $0.overlap) })
  }

  /// Pairs of images classified correctly (`true`) or not.
  public func pairs(correct wanted: Bool) -> [Pair] {
    guard let correct else { return [] }
    return pairs.filter { correct[$0.image] == wanted }
  }

  /// IoU histograms (20 bins over [0, 1]) of the pairs with `kind` masks: of all images, or
  /// of the correctly and the incorrectly classified ones when that is known.
  public func iouHistograms(_ kind: MaskKind) -> [Plots.HistogramSeries] {
    let ofKind = pairs.filter { $0.mask.kind == kind }
    func histogram(_ selected: [Pair]) -> Histogram { Histogram(selected.map(\.overlap.iou), bins: 20, range: 0...1) }
    guard let correct else { return [Plots.HistogramSeries(label: "all images", histogram: histogram(ofKind))] }
    return [
      Plots.HistogramSeries(label: "correctly classified", histogram: histogram(ofKind.filter { correct[$0.image] })),
      Plots.HistogramSeries(label: "misclassified", histogram: histogram(ofKind.filter { !correct[$0.image] })),
    ]
  }

  /// Salient ImageNet features in class and feature order, each with its pairs (only with
  /// per-feature masks; a per-image mask combines several features).
  private var featureGroups: [(feature: SalientFeatureVerdicts.Feature, pairs: [Pair])] {
    guard perFeature else { return [] }
    let keyed = pairs.compactMap { pair in pair.mask.feature.map { (feature: $0, pair: pair) } }
    let grouped = Dictionary(grouping: keyed, by: \.feature).mapValues { $0.map(\.pair) }
    return grouped.keys.sorted { ($0.wnid, $0.featureIndex) < ($1.wnid, $1.featureIndex) }.map { ($0, grouped[$0] ?? []) }
  }

  /// The `interpret --json` document.
  public var result: InterpretResult {
    var byCorrectness: InterpretResult.ByCorrectness?
    var accuracy: Double?
    if let correct {
      accuracy = Double(correct.count { $0 }) / Double(max(1, correct.count))
      func group(_ wanted: Bool) -> InterpretResult.Group {
        InterpretResult.Group(images: correct.count { $0 == wanted }, overlap: .init(summary(of: pairs(correct: wanted))))
      }
      byCorrectness = .init(correct: group(true), incorrect: group(false))
    }
    let byFeature = featureGroups.map { group in
      let s = summary(of: group.pairs), first = group.pairs[0].mask
      let means = first.kind == .core ? s.core : s.spurious
      return InterpretResult.Feature(
        wnid: group.feature.wnid, classIndex: first.classIndex, featureIndex: group.feature.featureIndex, kind: first.kind.rawValue,
        pairs: means.pairs, iou: means.iou, share: means.share)
    }
    let geometry = scorer.geometry
    return InterpretResult(
      images: images.count, overlap: .init(summary(of: pairs)), flatHeatmaps: flatHeatmaps, accuracy: accuracy, byCorrectness: byCorrectness,
      byFeature: byFeature,
      protocol: .init(
        layout: layout, masks: layout == "plain" ? "per_image" : perFeature ? "per_feature" : "per_image", maskResize: "pil_bilinear_antialiased",
        heatmapResize: "bilinear", size: geometry.size, crop: geometry.crop, heatmapThreshold: scorer.heatmapThreshold,
        maskThreshold: scorer.maskThreshold),
      seconds: seconds)
  }
}
