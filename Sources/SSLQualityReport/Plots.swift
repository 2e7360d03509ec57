// ssl-quality · Plots.swift — the figures the commands write with --plot.

import Foundation
import SSLQuality

/// The figures of analysis results, drawn from values the analyses computed (no numerics
/// here). Each takes a subtitle naming what is shown (file, ε, band, method) and the figure
/// width in pixels (`--plot-width`).
public enum Plots {
  /// A per-sample score's display name, colour, dash and marker in every figure.
  struct ScoreStyle {
    var label: String, color: String, dash: Dash, marker: Marker, width: Double
  }

  static func style(ofScore score: MistakeScore) -> ScoreStyle {
    switch score {
    case .q: ScoreStyle(label: score.label, color: Palette.blue, dash: .solid, marker: .circle, width: 2.2)
    case .msp: ScoreStyle(label: score.label, color: Palette.orange, dash: .dashed, marker: .square, width: 1.6)
    case .l1: ScoreStyle(label: score.label, color: Palette.bluishGreen, dash: .dotted, marker: .triangle, width: 1.8)
    case .maxZ: ScoreStyle(label: score.label, color: Palette.reddishPurple, dash: .dashDot, marker: .diamond, width: 1.6)
    }
  }

  /// Colour and dash of a group of samples split by probe outcome.
  static func style(ofGroup name: String) -> (color: String, dash: Dash) {
    switch name {
    case "correct", "correctly classified": (Palette.blue, .solid)
    case "misclassified": (Palette.vermillion, .dashed)
    default: (Palette.black, .solid)
    }
  }

  /// The paper's Figure 1: activation frequencies `A_j` in decreasing order, with the
  /// discriminative band `[P(lo), P(hi)]` shaded.
  public static func activationFrequencies(_ discriminative: DiscriminativeFeatures, subtitle: String, width: Double = Figure.defaultWidth) -> String {
    let sorted = discriminative.sortedFrequencies
    var chart = SVGChart(
      title: "Activation frequency A_j of each feature, sorted", xLabel: "feature rank (by A_j)", yLabel: "A_j (share of samples)",
      xRange: 0...Double(max(1, sorted.count - 1)), yRange: 0...max(1e-9, sorted.first ?? 1))
    if let band = discriminative.thresholds {
      chart.horizontalBand(
        band.low, band.high, color: Palette.orange, opacity: 0.3,
        label: "Dset band A_j in [\(number(band.low)), \(number(band.high))]: \(discriminative.count) features")
    }
    chart.line(sorted.enumerated().map { (Double($0.offset), $0.element) }, color: Palette.blue, width: 2, label: "A_j, sorted")
    return Figure(title: "Discriminative features", subtitle: subtitle, panels: [chart], width: width).svg
  }

  /// Q-Scores in three panels: the share of samples with `Q = 0` as annotated bars, a step
  /// histogram of the positive scores (both split by probe outcome when known), and with a
  /// misclassification report, the precision-recall curve of every score predicting correct
  /// predictions with its AUPRC (and, when bootstrapped, its interval in brackets, which
  /// `subtitle` should name) and the base rate. `probe` names the probe (e.g. "logreg
  /// probe", "kNN probe", or "probe" for predictions read from a file).
  public static func qScores(
    _ distribution: QScoreDistribution, misclassification: MisclassificationReport?, probe: String?, subtitle: String,
    width: Double = Figure.defaultWidth
  ) -> String {
    let split = distribution.groups.count > 1
    let outcome = probe.map { " by \($0) outcome" } ?? ""
    var zero = SVGChart(
      title: "Samples with Q = 0\(split ? outcome : "")", xLabel: split ? "probe outcome" : "", yLabel: "share of samples",
      xRange: 0...Double(distribution.groups.count), yRange: 0...1.12)
    zero.yPercent = true
    zero.xCategories = distribution.groups.enumerated().map { (Double($0.offset) + 0.5, $0.element.name) }
    for (index, group) in distribution.groups.enumerated() {
      zero.bar(
        x0: Double(index) + 0.2, x1: Double(index) + 0.8, y: group.zeroShare, color: style(ofGroup: group.name).color,
        annotation: "\(group.zeroCount) of \(group.samples) (\(percent(group.zeroShare)))")
    }
    let edges = distribution.groups.first?.positive.edges ?? [0, 1]
    let highest = distribution.groups.flatMap(\.positive.counts).max() ?? 0
    var positive = SVGChart(
      title: "Q-Score of the samples with Q > 0\(split ? outcome : "")", xLabel: "Q-Score", yLabel: "samples",
      xRange: edges[0]...edges[edges.count - 1], yRange: 0...Double(max(1, highest)) * 1.08)
    positive.integerYTicks = true
    for group in distribution.groups {
      let look = style(ofGroup: group.name)
      positive.stepHistogram(
        edges: group.positive.edges, counts: group.positive.counts, color: look.color, dash: look.dash,
        label: "\(group.name) (\(group.positive.total) samples)")
    }
    var panels = [zero, positive]
    if let misclassification {
      let base = misclassification.accuracy
      let lowest = misclassification.scores.flatMap { m in zip(m.curve.recall, m.curve.precision).filter { $0.0 >= 0.02 }.map(\.1) }.min() ?? 0
      let floor = max(0, (min(lowest, 2 * base - 1) * 20).rounded(.down) / 20)
      var pr = SVGChart(
        title: "Precision-recall: predicting correct \(probe ?? "probe") predictions", xLabel: "recall (of correct predictions)",
        yLabel: "precision", xRange: 0...1, yRange: floor...1.0)
      for (index, metrics) in misclassification.scores.enumerated() {
        let look = style(ofScore: metrics.score)
        pr.line(
          zip(metrics.curve.recall, metrics.curve.precision).map { ($0, $1) }, color: look.color, width: look.width, dash: look.dash,
          marker: look.marker, markerCount: 6, markerPhase: 0.3 + 0.15 * Double(index),
          label: "\(look.label): AUPRC \(percent(metrics.auprcCorrect))\(interval(metrics.auprcCorrectBootstrap?.interval))")
      }
      pr.horizontalLine(base, color: Palette.grey, width: 1.2, dash: .dashed, label: "base rate (probe accuracy) \(percent(base))")
      panels.append(pr)
    }
    return Figure(title: "Q-Score distribution\(misclassification == nil ? "" : " and misclassification prediction")", subtitle: subtitle, panels: panels, width: width).svg
  }

  /// Accuracy against kept fraction: discriminative, random mean ± std band over `seeds`
  /// rankings, highest variance, and the full representation. `probe` names the probe.
  ///
  /// `intervals` (one per point, when given) is the discriminative accuracy's 95% interval
  /// (Wilson: the test sampling error), drawn as a band around its line.
  public static func compression(
    _ points: [CompressionSweep.Point], full: Double, seeds: Int, probe: String, subtitle: String,
    intervals: [ConfidenceInterval]? = nil, width: Double = Figure.defaultWidth
  ) -> String {
    let bounds = (intervals ?? []).flatMap { [$0.lower, $0.upper] }
    let values = (points.flatMap { [$0.discriminative, $0.randomMean - $0.randomStd, $0.randomMean + $0.randomStd, $0.variance] } + bounds)
      .filter(\.isFinite) + [full]
    let low = max(0, ((values.min() ?? 0) * 50).rounded(.down) / 50), high = min(1, ((values.max() ?? 1) * 50).rounded(.up) / 50)
    var chart = SVGChart(
      title: "Test accuracy of a \(probe) on the kept features", xLabel: "kept fraction of features", yLabel: "test accuracy",
      xRange: 0...1, yRange: low...max(high, low + 0.02))
    chart.yPercent = true
    let x = points.map(\.fraction)
    if seeds > 0 {
      if seeds > 1 {
        chart.area(
          x: x, lower: points.map { $0.randomMean - $0.randomStd }, upper: points.map { $0.randomMean + $0.randomStd }, color: Palette.grey,
          opacity: 0.2, label: "random ± std (\(seeds) seeds)")
      }
      chart.line(points.map { ($0.fraction, $0.randomMean) }, color: Palette.black, width: 1.4, dash: .dotted, marker: .triangle, label: "random features, mean")
    }
    chart.line(points.map { ($0.fraction, $0.variance) }, color: Palette.orange, width: 1.6, dash: .dashed, marker: .square, label: "highest variance")
    if let intervals, intervals.count == points.count, intervals.allSatisfy({ $0.lower.isFinite && $0.upper.isFinite }) {
      chart.area(
        x: x, lower: intervals.map(\.lower), upper: intervals.map(\.upper), color: Palette.blue, opacity: 0.15,
        label: "discriminative, 95% CI (Wilson)")
    }
    chart.line(points.map { ($0.fraction, $0.discriminative) }, color: Palette.blue, width: 2.2, marker: .circle, label: "discriminative (Dset first)")
    chart.horizontalLine(full, color: Palette.bluishGreen, width: 1.2, dash: .dashDot, label: "all features \(percent(full))")
    return Figure(title: "Compression: accuracy against kept features", subtitle: subtitle, panels: [chart], width: width).svg
  }

  /// One histogram of a figure panel, with its legend label.
  public struct HistogramSeries: Sendable {
    public var label: String
    public var histogram: Histogram
    public init(label: String, histogram: Histogram) {
      self.label = label
      self.histogram = histogram
    }
  }

  /// Distributions of IoU with core masks and with spurious masks, one panel each, as step
  /// histograms (split into correctly and incorrectly classified images when known).
  public static func interpretability(core: [HistogramSeries], spurious: [HistogramSeries], subtitle: String, width: Double = Figure.defaultWidth) -> String {
    func panel(_ title: String, _ series: [HistogramSeries]) -> SVGChart {
      let highest = series.flatMap(\.histogram.counts).max() ?? 0
      var chart = SVGChart(title: title, xLabel: "IoU", yLabel: "heatmap/mask pairs", xRange: 0...1, yRange: 0...Double(max(1, highest)) * 1.08)
      chart.integerYTicks = true
      for item in series {
        let look = style(ofGroup: item.label)
        chart.stepHistogram(edges: item.histogram.edges, counts: item.histogram.counts, color: look.color, dash: look.dash, label: "\(item.label) (\(item.histogram.total) pairs)")
      }
      return chart
    }
    return Figure(
      title: "Heatmap overlap with core and spurious masks", subtitle: subtitle,
      panels: [panel("IoU with core masks", core), panel("IoU with spurious masks", spurious)], width: width
    ).svg
  }

  static func percent(_ value: Double) -> String { value.isFinite ? String(format: "%.1f%%", value * 100) : "n/a" }

  /// ` [83.1–87.7]` (percent) for a defined interval, else nothing; the caller names the
  /// interval's confidence and method (the score figure in its subtitle).
  static func interval(_ interval: ConfidenceInterval?) -> String {
    guard let interval, interval.lower.isFinite, interval.upper.isFinite else { return "" }
    return String(format: " [%.1f–%.1f]", interval.lower * 100, interval.upper * 100)
  }
  static func number(_ value: Double) -> String { String(format: "%.4g", value) }
}
