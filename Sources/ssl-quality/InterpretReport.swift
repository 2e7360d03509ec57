// ssl-quality · InterpretReport.swift — the `interpret` result as JSON, CSV, SVG and a summary.

import SSLQuality
import SSLQualityIO
import SSLQualityReport

/// Everything `interpret` reports, rendered in the documented JSON schema, as one CSV row
/// per (image, mask), as a figure, or for a terminal.
struct InterpretReport {
  /// One scored (image, mask) pair.
  struct Pair {
    var image: Int
    var mask: MaskReference
    var overlap: MaskOverlap
  }

  var images: ImageList
  var pairs: [Pair]
  var flatHeatmaps: Int
  /// Whether each image was classified correctly, when predictions were given.
  var correct: [Bool]?
  var layout: String
  /// Whether Salient ImageNet masks are per (image, feature) rather than per (image, kind).
  var perFeature: Bool
  var scorer: InterpretabilityScorer
  var seconds: Double

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

  private func summary(of selected: some Sequence<Pair>) -> InterpretabilitySummary {
    InterpretabilitySummary(selected.map { (kind: $0.mask.kind, overlap: $0.overlap) })
  }

  /// Pairs of images classified correctly (`true`) or not.
  private func pairs(correct wanted: Bool) -> [Pair] {
    guard let correct else { return [] }
    return pairs.filter { correct[$0.image] == wanted }
  }

  /// Salient ImageNet features in class and feature order, each with its pairs (only with
  /// per-feature masks; a per-image mask combines several features).
  private var featureGroups: [(feature: SalientFeatureVerdicts.Feature, pairs: [Pair])] {
    guard perFeature else { return [] }
    let keyed = pairs.compactMap { pair in pair.mask.feature.map { (feature: $0, pair: pair) } }
    let grouped = Dictionary(grouping: keyed, by: \.feature).mapValues { $0.map(\.pair) }
    return grouped.keys.sorted { ($0.wnid, $0.featureIndex) < ($1.wnid, $1.featureIndex) }.map { ($0, grouped[$0] ?? []) }
  }

  private static func fields(_ s: InterpretabilitySummary) -> [(String, JSONValue)] {
    [
      ("pairs", .integer(s.pairs)), ("core_pairs", .integer(s.core.pairs)), ("spurious_pairs", .integer(s.spurious.pairs)),
      ("core_iou", .number(s.core.iou)), ("spurious_iou", .number(s.spurious.iou)), ("difference", .number(s.difference)),
      ("core_share", .number(s.core.share)), ("spurious_share", .number(s.spurious.share)),
    ]
  }

  var json: JSONValue {
    var fields: [(String, JSONValue)] = [("images", .integer(images.count))] + Self.fields(summary(of: pairs))
    fields.append(("flat_heatmaps", .integer(flatHeatmaps)))
    if let correct {
      fields.append(("accuracy", .number(Double(correct.count { $0 }) / Double(max(1, correct.count)))))
      fields.append(
        ("by_correctness", .object([true, false].map { wanted in
          (wanted ? "correct" : "incorrect",
           .object([("images", .integer(correct.count { $0 == wanted }))] + Self.fields(summary(of: self.pairs(correct: wanted)))))
        })))
    } else {
      fields.append(("by_correctness", .null))
    }
    fields.append(
      ("by_feature", .array(featureGroups.map { group in
        let s = summary(of: group.pairs), first = group.pairs[0].mask
        let means = first.kind == .core ? s.core : s.spurious
        return .object([
          ("wnid", .string(group.feature.wnid)), ("class_index", first.classIndex.map(JSONValue.integer) ?? .null),
          ("feature_index", .integer(group.feature.featureIndex)), ("kind", .string(first.kind.rawValue)),
          ("pairs", .integer(means.pairs)), ("iou", .number(means.iou)), ("share", .number(means.share)),
        ])
      })))
    fields.append(
      ("protocol", .object([
        ("layout", .string(layout)), ("masks", .string(layout == "plain" ? "per_image" : perFeature ? "per_feature" : "per_image")),
        ("mask_resize", .string("pil_bilinear_antialiased")), ("heatmap_resize", .string("bilinear")),
        ("size", .integer(scorer.geometry.size)), ("crop", .bool(scorer.geometry.crop)),
        ("heatmap_threshold", .number(scorer.heatmapThreshold)), ("mask_threshold", .number(scorer.maskThreshold)),
      ])))
    fields.append(("seconds", .number(seconds)))
    return .object(fields)
  }

  var csv: String {
    let header = [
      "image", "kind", "wnid", "class_index", "feature_index", "iou", "share", "intersection", "union", "mask_pixels",
      "heatmap_pixels", "correct", "mask",
    ]
    let rows = pairs.map { pair -> [String] in
      let o = pair.overlap, m = pair.mask
      return [
        images.entries[pair.image].id, m.kind.rawValue, m.features.first?.wnid ?? "", m.classIndex.map(String.init) ?? "",
        m.features.map { String($0.featureIndex) }.joined(separator: ";"), "\(o.iou)", "\(o.share)", "\(o.intersection)", "\(o.union)",
        "\(o.maskPixels)", "\(o.heatmapPixels)", correct.map { $0[pair.image] ? "true" : "false" } ?? "",
        m.paths.joined(separator: ";"),
      ]
    }
    return CSVWriter.render(header: header, rows: rows)
  }

  /// The IoU figure, `width` pixels wide: 20 bins over [0, 1] per mask kind.
  func plot(width: Double) -> String {
    func series(_ kind: MaskKind) -> [Plots.HistogramSeries] {
      let ofKind = pairs.filter { $0.mask.kind == kind }
      func histogram(_ selected: [Pair]) -> Histogram { Histogram(selected.map(\.overlap.iou), bins: 20, range: 0...1) }
      guard let correct else { return [Plots.HistogramSeries(label: "all images", histogram: histogram(ofKind))] }
      return [
        Plots.HistogramSeries(label: "correctly classified", histogram: histogram(ofKind.filter { correct[$0.image] })),
        Plots.HistogramSeries(label: "misclassified", histogram: histogram(ofKind.filter { !correct[$0.image] })),
      ]
    }
    let geometry = scorer.geometry
    let subtitle = "\(images.count) images, \(pairs.count) pairs (\(layout == "plain" ? "plain masks" : "Salient ImageNet"))"
      + " · \(geometry.crop ? "resize + center crop \(geometry.size)" : "resize \(geometry.size)")"
      + " · heatmap ≥ \(Format.number(scorer.heatmapThreshold)), mask ≥ \(Format.number(scorer.maskThreshold))"
    return Plots.interpretability(core: series(.core), spurious: series(.spurious), subtitle: subtitle, width: width)
  }

  var summary: String {
    let s = summary(of: pairs), geometry = scorer.geometry
    var lines = [
      "\(images.count) images, \(s.pairs) heatmap/mask pairs (\(layout == "plain" ? "plain masks" : "Salient ImageNet"); "
        + "\(geometry.crop ? "resize + center crop to \(geometry.size)×\(geometry.size)" : "shorter side resized to \(geometry.size)"), "
        + "heatmap ≥ \(Format.number(scorer.heatmapThreshold)), mask ≥ \(Format.number(scorer.maskThreshold)))"
    ]
    lines += Self.lines(s, indent: "  ")
    if let correct {
      for wanted in [true, false] {
        lines.append("  \(wanted ? "correctly classified" : "misclassified") (\(correct.count { $0 == wanted }) images):")
        lines += Self.lines(summary(of: pairs(correct: wanted)), indent: "    ")
      }
    }
    if flatHeatmaps > 0 { lines.append("  warning: \(flatHeatmaps) heatmaps are constant (no active pixels, no mass)") }
    return lines.joined(separator: "\n")
  }

  private static func lines(_ s: InterpretabilitySummary, indent: String) -> [String] {
    func describe(_ name: String, _ m: OverlapMeans) -> String {
      m.pairs == 0
        ? "\(indent)\(name): no pairs"
        : "\(indent)\(name): \(m.pairs) pairs, mean IoU \(Format.number(m.iou)), heatmap mass inside \(Format.percent(m.share))"
    }
    var lines = [describe("core    ", s.core), describe("spurious", s.spurious)]
    if s.difference.isFinite { lines.append("\(indent)core − spurious IoU: \(Format.number(s.difference))") }
    return lines
  }
}
