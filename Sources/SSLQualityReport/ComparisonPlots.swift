// ssl-quality · ComparisonPlots.swift — a comparison's columns as grouped bars.

import SSLQuality

extension Plots {
  /// One group of bars per column of `comparison` (label-free columns first), one bar per
  /// representation, each value divided by the largest magnitude in its column so that
  /// columns of different units share one axis.
  public static func comparison(_ comparison: RepresentationComparison) -> String {
    let columns = comparison.columns
    let count = max(1, comparison.rows.count)
    let width = 0.8 / Double(count)
    var chart = SVGChart(
      title: "Representations compared (each column ÷ its largest value)", xLabel: "", yLabel: "relative value",
      xRange: -0.2...(Double(columns.count) - 0.8), yRange: 0...1.05)
    chart.width = max(560, 90 * Double(columns.count) + 80)
    chart.height = 420
    chart.xTickLabels = columns.enumerated().map { (Double($0.offset) + 0.4 - width / 2, $0.element.title) }
    for (r, row) in comparison.rows.enumerated() {
      var edges: [Double] = [], heights: [Double] = []
      for (c, column) in columns.enumerated() {
        let values = comparison.rows.compactMap { $0.value(column.key) }.filter { !$0.isNaN }
        let scale = values.map(abs).max() ?? 0
        let value = row.value(column.key) ?? 0
        edges += [Double(c) + Double(r) * width, Double(c) + Double(r + 1) * width]
        heights += [scale > 0 && !value.isNaN ? abs(value) / scale : 0, 0]
      }
      chart.bars(edges: edges, counts: Array(heights.dropLast()), color: palette[r % palette.count], opacity: 0.8, label: row.name)
    }
    return SVGChart.document([chart])
  }
}
