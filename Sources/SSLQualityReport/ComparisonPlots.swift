// ssl-quality · ComparisonPlots.swift — a comparison's columns as grouped bars.

import SSLQuality

extension Plots {
  /// One group of bars per column (its title and one value per representation, `nil`
  /// when it has none), one bar per representation named in `names`, each value divided
  /// by the largest magnitude in its column so that columns of different units share one
  /// axis.
  public static func comparison(
    names: [String], columns: [(title: String, values: [Double?])], subtitle: String = "", width: Double = Figure.defaultWidth
  ) -> String {
    let count = max(1, names.count)
    let barWidth = 0.8 / Double(count)
    var chart = SVGChart(
      title: "Each column divided by its largest value", xLabel: "", yLabel: "relative value",
      xRange: 0...Double(columns.count), yRange: 0...1.05)
    chart.xCategories = columns.enumerated().map { (Double($0.offset) + 0.5, $0.element.title) }
    for (r, name) in names.enumerated() {
      for (c, column) in columns.enumerated() {
        let values = column.values.compactMap { $0 }.filter { !$0.isNaN }
        let scale = values.map(abs).max() ?? 0
        guard let value = column.values[r], !value.isNaN, scale > 0 else { continue }
        let x0 = Double(c) + 0.1 + Double(r) * barWidth
        chart.bar(x0: x0, x1: x0 + barWidth, y: abs(value) / scale, color: palette[r % palette.count], label: c == 0 ? name : nil)
      }
    }
    return Figure(title: "Representations compared", subtitle: subtitle, panels: [chart], width: max(width, 70 * Double(columns.count) + 120)).svg
  }
}
