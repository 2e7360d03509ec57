// ssl-quality · CalibrationPlots.swift — what each ε does to Dset and Q.

import SSLQuality

extension Plots {
  /// Against ε: the share of samples with `Q = 0` and `|Dset| / D` (left), and with labels
  /// the AUROC and AUPRC-correct of Q (right); the recommended ε (and the label-optimal
  /// one) marked by vertical lines.
  public static func calibration(_ c: EpsilonCalibration, subtitle: String = "", width: Double = Figure.defaultWidth) -> String {
    let epsilons = c.rows.map(\.epsilon)
    let xRange = (epsilons.min() ?? 0)...(epsilons.max() ?? 1)
    func marker(_ chart: inout SVGChart, _ epsilon: Double?, color: String, label: String) {
      guard let epsilon else { return }
      chart.line([(epsilon, chart.yRange.lowerBound), (epsilon, chart.yRange.upperBound)], color: color, width: 1.5, dash: .dashed, label: label)
    }
    var sparsity = SVGChart(title: "Q defined for how many samples", xLabel: "ε", yLabel: "share", xRange: xRange, yRange: 0...1)
    sparsity.line(c.rows.map { ($0.epsilon, $0.emptyShare) }, color: palette[1], width: 2, label: "share with Q = 0")
    sparsity.line(c.rows.map { ($0.epsilon, Double($0.discriminativeCount) / Double(max(1, c.features))) }, color: palette[0], width: 2, label: "|Dset| / D")
    marker(&sparsity, c.recommendedEpsilon, color: Palette.black, label: "recommended ε")
    var panels = [sparsity]
    let labelled = c.rows.compactMap { row in row.misclassification.map { (row.epsilon, $0) } }
    if !labelled.isEmpty {
      let values = labelled.flatMap { [$0.1.scores.q.auroc, $0.1.scores.q.auprcCorrect] }.filter { !$0.isNaN }
      var quality = SVGChart(
        title: "How well Q predicts the probe's mistakes", xLabel: "ε", yLabel: "AUROC / AUPRC-correct", xRange: xRange,
        yRange: min(0.4, values.min() ?? 0.4)...1)
      quality.line(labelled.map { ($0.0, $0.1.scores.q.auroc) }, color: palette[2], width: 2, label: "AUROC")
      quality.line(labelled.map { ($0.0, $0.1.scores.q.auprcCorrect) }, color: palette[3], width: 2, label: "AUPRC-correct")
      quality.line(labelled.map { ($0.0, $0.1.accuracy) }, color: Palette.grey, width: 1, dash: .dashed, label: "base rate (accuracy)")
      marker(&quality, c.labelOptimalEpsilon, color: palette[4], label: "label-optimal ε")
      panels.append(quality)
    }
    return Figure(title: "ε calibration", subtitle: subtitle, panels: panels, width: width).svg
  }
}
