// ssl-quality · Plots.swift — the figures the commands write with --plot.

import SSLQuality

/// SVG figures of analysis results.
public enum Plots {
  /// The paper's Figure 1: activation frequencies `A_j` sorted in decreasing order, with
  /// the discriminative band `[P(lo), P(hi)]` shaded.
  public static func activationFrequencies(_ discriminative: DiscriminativeFeatures) -> String {
    let sorted = discriminative.frequencies.sorted(by: >)
    var chart = SVGChart(
      title: "Activation frequency of each feature", xLabel: "feature rank", yLabel: "A_j",
      xRange: 0...Double(max(1, sorted.count - 1)), yRange: 0...max(1e-9, sorted.first ?? 1))
    if let band = discriminative.thresholds {
      chart.horizontalBand(band.low, band.high, color: "#d62728", label: "Dset band (\(discriminative.count) features)")
    }
    chart.line(sorted.enumerated().map { (Double($0.offset), $0.element) }, color: "#1f77b4", width: 2, label: "A_j, sorted")
    return SVGChart.document([chart])
  }

  /// Histograms of Q-Scores (split into correctly and incorrectly classified samples when
  /// `correct` is given) and, with `correct`, the precision-recall curve of Q predicting
  /// correct classifications.
  public static func qScores(_ q: [Double], correct: [Bool]?, bins: Int = 40) -> String {
    let finite = q.filter { !$0.isNaN }
    let high = finite.max() ?? 1, low = min(0, finite.min() ?? 0)
    let width = (high - low) / Double(bins)
    let edges = (0...bins).map { low + Double($0) * (width > 0 ? width : 1) }
    func histogram(_ values: [Double]) -> [Double] {
      var counts = [Double](repeating: 0, count: bins)
      for value in values where !value.isNaN {
        counts[min(bins - 1, max(0, Int(width > 0 ? (value - low) / width : 0)))] += 1
      }
      return counts
    }
    var panels: [SVGChart] = []
    if let correct {
      let good = histogram(zip(q, correct).filter { $0.1 }.map(\.0)), bad = histogram(zip(q, correct).filter { !$0.1 }.map(\.0))
      var chart = SVGChart(
        title: "Q-Score by linear-probe outcome", xLabel: "Q-Score", yLabel: "samples",
        xRange: low...edges[bins], yRange: 0...max(1, (good + bad).max() ?? 1))
      chart.bars(edges: edges, counts: good, color: "#2ca02c", label: "correct")
      chart.bars(edges: edges, counts: bad, color: "#d62728", label: "misclassified")
      panels.append(chart)
      let kept = q.indices.filter { !q[$0].isNaN }
      let curve = BinaryRanking(scores: kept.map { q[$0] }, positive: kept.map { correct[$0] }).precisionRecallCurve
      var pr = SVGChart(title: "Precision-recall of Q for correct predictions", xLabel: "recall", yLabel: "precision", xRange: 0...1, yRange: 0...1)
      pr.line(zip(curve.recall, curve.precision).map { ($0, $1) }, color: "#1f77b4", width: 2, label: "Q-Score")
      let base = Double(correct.count { $0 }) / Double(max(1, correct.count))
      pr.line([(0, base), (1, base)], color: "#7f7f7f", dashed: true, label: "base rate (accuracy)")
      panels.append(pr)
    } else {
      let counts = histogram(q)
      var chart = SVGChart(title: "Q-Score distribution", xLabel: "Q-Score", yLabel: "samples", xRange: low...edges[bins], yRange: 0...max(1, counts.max() ?? 1))
      chart.bars(edges: edges, counts: counts, color: "#1f77b4")
      panels.append(chart)
    }
    return SVGChart.document(panels)
  }

  /// Accuracy against kept fraction: discriminative, random mean ± std band, variance and
  /// the full-size line. Points are (fraction, discriminative, random mean, random std, variance).
  public static func compression(_ points: [(Double, Double, Double, Double, Double)], full: Double) -> String {
    let values = points.flatMap { [$0.1, $0.2 - $0.3, $0.2 + $0.3, $0.4] }.filter(\.isFinite) + [full]
    let low = max(0, (values.min() ?? 0) - 0.02), high = min(1, (values.max() ?? 1) + 0.02)
    var chart = SVGChart(title: "Linear accuracy of compressed representations", xLabel: "kept fraction of features", yLabel: "test accuracy",
                         xRange: 0...1, yRange: low...high)
    let x = points.map(\.0)
    chart.area(x: x, lower: points.map { $0.2 - $0.3 }, upper: points.map { $0.2 + $0.3 }, color: "#7f7f7f", opacity: 0.2)
    chart.line(points.map { ($0.0, $0.2) }, color: "#7f7f7f", label: "random (mean ± std)")
    chart.line(points.map { ($0.0, $0.4) }, color: "#ff7f0e", label: "highest variance")
    chart.line(points.map { ($0.0, $0.1) }, color: "#1f77b4", width: 2.5, label: "discriminative")
    chart.line([(0, full), (1, full)], color: "#2ca02c", dashed: true, label: "full representation")
    return SVGChart.document([chart])
  }

  /// Distributions of IoU with core masks and with spurious masks, one panel each, split
  /// into correctly and incorrectly classified images when the flags are given (one flag
  /// per IoU value).
  public static func interpretability(core: [Double], spurious: [Double], coreCorrect: [Bool]?, spuriousCorrect: [Bool]?, bins: Int = 20) -> String {
    let edges = (0...bins).map { Double($0) / Double(bins) }
    func histogram(_ values: some Sequence<Double>) -> [Double] {
      var counts = [Double](repeating: 0, count: bins)
      for value in values where value.isFinite { counts[min(bins - 1, max(0, Int(value * Double(bins))))] += 1 }
      return counts
    }
    func panel(_ title: String, _ values: [Double], _ correct: [Bool]?) -> SVGChart {
      let split = correct.map { flags in
        (histogram(zip(values, flags).filter { $0.1 }.map(\.0)), histogram(zip(values, flags).filter { !$0.1 }.map(\.0)))
      }
      let all = histogram(values)
      var chart = SVGChart(title: title, xLabel: "IoU", yLabel: "heatmap/mask pairs", xRange: 0...1, yRange: 0...max(1, all.max() ?? 1))
      if let (good, bad) = split {
        chart.bars(edges: edges, counts: good, color: "#2ca02c", label: "correctly classified")
        chart.bars(edges: edges, counts: bad, color: "#d62728", label: "misclassified")
      } else {
        chart.bars(edges: edges, counts: all, color: "#1f77b4", label: "\(values.count) pairs")
      }
      return chart
    }
    return SVGChart.document([panel("IoU with core masks", core, coreCorrect), panel("IoU with spurious masks", spurious, spuriousCorrect)])
  }
}
