// ssl-quality · InterpretRendering.swift — the `interpret` outcome as CSV, SVG and a summary.

import SSLQuality
import SSLQualityAnalysis
import SSLQualityIO
import SSLQualityReport

/// One CSV row per (image, mask), the IoU figure and the terminal summary of `interpret`.
enum InterpretRendering {
  static func csv(_ o: InterpretOutcome, raw: Bool) -> String {
    let pairs = o.pairs, images = o.images, correct = o.correct
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
    return CSVWriter.render(header: header, rows: rows, raw: raw)
  }

  /// The IoU figure, `width` pixels wide: 20 bins over [0, 1] per mask kind.
  static func plot(_ o: InterpretOutcome, width: Double) -> String {
    let geometry = o.scorer.geometry
    let subtitle = "\(o.images.count) images, \(o.pairs.count) pairs (\(o.layout == "plain" ? "plain masks" : "Salient ImageNet"))"
      + " · \(geometry.crop ? "resize + center crop \(geometry.size)" : "resize \(geometry.size)")"
      + " · heatmap ≥ \(Format.number(o.scorer.heatmapThreshold)), mask ≥ \(Format.number(o.scorer.maskThreshold))"
    return Plots.interpretability(core: o.iouHistograms(.core), spurious: o.iouHistograms(.spurious), subtitle: subtitle, width: width)
  }

  static func summary(_ o: InterpretOutcome) -> String {
    let images = o.images, layout = o.layout, scorer = o.scorer
    let s = o.summary(of: o.pairs), geometry = scorer.geometry
    var lines = [
      "\(images.count) images, \(s.pairs) heatmap/mask pairs (\(layout == "plain" ? "plain masks" : "Salient ImageNet"); "
        + "\(geometry.crop ? "resize + center crop to \(geometry.size)×\(geometry.size)" : "shorter side resized to \(geometry.size)"), "
        + "heatmap ≥ \(Format.number(scorer.heatmapThreshold)), mask ≥ \(Format.number(scorer.maskThreshold)))"
    ]
    lines += Self.lines(s, indent: "  ")
    if let correct = o.correct {
      for wanted in [true, false] {
        lines.append("  \(wanted ? "correctly classified" : "misclassified") (\(correct.count { $0 == wanted }) images):")
        lines += Self.lines(o.summary(of: o.pairs(correct: wanted)), indent: "    ")
      }
    }
    if o.flatHeatmaps > 0 { lines.append("  warning: \(o.flatHeatmaps) heatmaps are constant (no active pixels, no mass)") }
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
