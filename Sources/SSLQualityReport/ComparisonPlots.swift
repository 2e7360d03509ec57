// ssl-quality · ComparisonPlots.swift — a comparison's ranked columns as horizontal lollipops on one 0–1 axis.

import SSLQuality

extension Plots {
  /// One row per column (its title and one value per representation, `nil` when it has
  /// none), one horizontal line from 0 per representation named in `names` (of width
  /// `widths[r]`, shown in the legend), ending in a marker at its value. Every value must
  /// be on a [0, 1] scale where larger is better, so a longer line is always the
  /// better one and no column is rescaled by the others' values. Row labels sit left of
  /// the axis, one per row, so they cannot overlap whatever their length.
  public static func comparison(
    names: [String], widths: [Int], columns: [(title: String, values: [Double?])], intervals: [[ConfidenceInterval?]] = [],
    subtitle: String = "", width: Double = Figure.defaultWidth
  ) -> String {
    let styles: [(color: String, marker: Marker)] = [
      (Palette.blue, .circle), (Palette.vermillion, .square), (Palette.bluishGreen, .triangle), (Palette.reddishPurple, .diamond),
      (Palette.orange, .circle), (Palette.black, .square), (Palette.skyBlue, .triangle),
    ]
    let count = max(1, names.count), rows = Double(max(1, columns.count))
    var chart = SVGChart(
      title: "Ranked columns on one 0–1 scale: a longer line is better", xLabel: "value (each column on its own 0–1 scale)",
      yLabel: "", xRange: 0...1.03, yRange: 0...rows)
    chart.yCategories = columns.enumerated().map { (rows - Double($0.offset) - 0.5, $0.element.title) }
    chart.plotAreaHeight = rows * max(26, 13 * Double(count) + 10)
    for (r, name) in names.enumerated() {
      let style = styles[r % styles.count]
      // Representations side by side within each column's row, the first on top.
      let offset = count == 1 ? 0 : 0.35 - 0.7 * Double(r) / Double(count - 1)
      var labelled = false
      for (c, column) in columns.enumerated() {
        guard r < column.values.count, let value = column.values[r], value.isFinite else { continue }
        let y = rows - Double(c) - 0.5 + offset
        chart.line(
          [(0, y), (min(1, max(0, value)), y)], color: style.color, width: 2, marker: style.marker, markerCount: 1, markerPhase: 1,
          label: labelled ? nil : "\(name) (D = \(r < widths.count ? String(widths[r]) : "?"))")
        labelled = true
        // The value's 95% interval as a whisker with end caps, where one was measured.
        if c < intervals.count, r < intervals[c].count, let interval = intervals[c][r], interval.lower.isFinite, interval.upper.isFinite {
          let (lower, upper) = (min(1, max(0, interval.lower)), min(1, max(0, interval.upper)))
          chart.line([(lower, y), (upper, y)], color: Palette.black, width: 1)
          for end in [lower, upper] { chart.line([(end, y - 0.07), (end, y + 0.07)], color: Palette.black, width: 1) }
        }
      }
    }
    return Figure(title: "Representations compared", subtitle: subtitle, panels: [chart], width: width).svg
  }
}
