// ssl-quality · SVGChart.swift — one chart panel: axes, ticks, series and a legend below the plot.

import Foundation

/// One chart panel in data coordinates. Series are recorded as values and drawn when a
/// ``Figure`` lays the panel out at its final width, so the same panel renders for a
/// slide or for a single paper column. The legend sits below the x axis, never on the
/// data; counts axes get integer ticks.
public struct SVGChart: Sendable {
  public var title: String, xLabel: String, yLabel: String
  /// Data ranges mapped onto the plot area.
  public var xRange: ClosedRange<Double>, yRange: ClosedRange<Double>
  /// Ticks on whole numbers only (for counts).
  public var integerYTicks = false
  /// Labels drawn under the x axis at given positions instead of numeric ticks.
  public var xCategories: [(position: Double, label: String)]? = nil
  /// Labels drawn left of the y axis at given positions instead of numeric ticks, each
  /// with a light grid line; the left margin widens to the longest label.
  public var yCategories: [(position: Double, label: String)]? = nil
  /// Height of the plot area in pixels (default: a fixed aspect of the panel's width).
  public var plotAreaHeight: Double? = nil
  /// y tick labels shown as percentages of 1.
  public var yPercent = false

  private var marks: [Mark] = []
  private var legend: [LegendEntry] = []

  public init(title: String, xLabel: String, yLabel: String, xRange: ClosedRange<Double>, yRange: ClosedRange<Double>) {
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.xRange = xRange.lowerBound == xRange.upperBound ? xRange.lowerBound...(xRange.lowerBound + 1) : xRange
    self.yRange = yRange.lowerBound == yRange.upperBound ? yRange.lowerBound...(yRange.lowerBound + 1) : yRange
  }

  // MARK: - Series

  /// A polyline through `points`; markers at every point, or at `markerCount` evenly spaced
  /// points (offset by `markerPhase` of a spacing, so markers of several curves do not stack).
  public mutating func line(
    _ points: [(Double, Double)], color: String, width: Double = 1.6, dash: Dash = .solid, marker: Marker = .none,
    markerCount: Int? = nil, markerPhase: Double = 0.5, label: String? = nil
  ) {
    marks.append(.line(points.filter { $0.0.isFinite && $0.1.isFinite }, color, width, dash, marker, markerCount, markerPhase))
    if let label { legend.append(LegendEntry(label: label, color: color, style: .line(width, dash, marker))) }
  }

  /// An outlined step histogram: `counts[k]` over `[edges[k], edges[k+1])`, no fill.
  public mutating func stepHistogram(edges: [Double], counts: [Int], color: String, width: Double = 1.8, dash: Dash = .solid, label: String? = nil) {
    precondition(edges.count == counts.count + 1, "a histogram has one more edge than bins")
    var points = [(edges[0], 0.0)]
    for k in counts.indices {
      points.append((edges[k], Double(counts[k])))
      points.append((edges[k + 1], Double(counts[k])))
    }
    points.append((edges[counts.count], 0))
    marks.append(.line(points, color, width, dash, .none, nil, 0))
    if let label { legend.append(LegendEntry(label: label, color: color, style: .line(width, dash, .none))) }
  }

  /// A filled bar over `[x0, x1]` from 0 to `y`, with `annotation` written above it.
  public mutating func bar(x0: Double, x1: Double, y: Double, color: String, annotation: String? = nil, label: String? = nil) {
    marks.append(.bar(x0, x1, y, color, annotation))
    if let label { legend.append(LegendEntry(label: label, color: color, style: .patch(1))) }
  }

  /// A translucent band between `lower` and `upper` over the same x values.
  public mutating func area(x: [Double], lower: [Double], upper: [Double], color: String, opacity: Double = 0.2, label: String? = nil) {
    marks.append(.area(x, lower, upper, color, opacity))
    if let label { legend.append(LegendEntry(label: label, color: color, style: .patch(opacity))) }
  }

  /// A shaded horizontal band between `y0` and `y1` across the whole plot.
  public mutating func horizontalBand(_ y0: Double, _ y1: Double, color: String, opacity: Double = 0.25, label: String? = nil) {
    marks.append(.horizontalBand(y0, y1, color, opacity))
    if let label { legend.append(LegendEntry(label: label, color: color, style: .patch(opacity))) }
  }

  /// A horizontal reference line at `y` across the whole plot.
  public mutating func horizontalLine(_ y: Double, color: String, width: Double = 1.2, dash: Dash = .dashed, label: String? = nil) {
    line([(xRange.lowerBound, y), (xRange.upperBound, y)], color: color, width: width, dash: dash, label: label)
  }

  // MARK: - Rendering

  /// Height of the panel laid out `width` pixels wide (the plot area keeps a fixed aspect).
  func height(width: Double) -> Double {
    Self.top(titleLines(width).count) + plotHeight(width) + Self.bottom + legendHeight(width)
  }

  /// The panel as an SVG group of `width` pixels; `id` makes its clip path unique.
  func group(width: Double, id: String) -> String {
    let titleRows = titleLines(width)
    let top = Self.top(titleRows.count), plotH = plotHeight(width)
    let left = leftMargin, right = width - Self.right, bottom = top + plotH
    func px(_ x: Double) -> Double { left + (x - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound) * (right - left) }
    func py(_ y: Double) -> Double { bottom - (y - yRange.lowerBound) / (yRange.upperBound - yRange.lowerBound) * plotH }
    var out: [String] = []
    for (row, text) in titleRows.enumerated() {
      out.append(
        "<text x=\"\(fmt(width / 2))\" y=\"\(fmt(14 + Double(row) * 14))\" text-anchor=\"middle\" font-size=\"\(fmt(TextSize.panelTitle))\" font-weight=\"bold\">\(escape(text))</text>")
    }
    out.append("<clipPath id=\"\(id)\"><rect x=\"\(fmt(left))\" y=\"\(fmt(top))\" width=\"\(fmt(right - left))\" height=\"\(fmt(plotH))\"/></clipPath>")
    // Ticks: light grid lines, labels outside the plot.
    if let categories = xCategories {
      for (position, label) in categories {
        out.append("<text x=\"\(fmt(px(position)))\" y=\"\(fmt(bottom + 14))\" text-anchor=\"middle\" font-size=\"\(fmt(TextSize.tick))\">\(escape(label))</text>")
      }
    } else {
      let ticks = Self.ticks(xRange, target: max(3, Int((right - left) / 70)), integer: false)
      for value in ticks.values {
        out.append("<line x1=\"\(fmt(px(value)))\" x2=\"\(fmt(px(value)))\" y1=\"\(fmt(bottom))\" y2=\"\(fmt(bottom + 4))\" stroke=\"#333\"/>")
        out.append(
          "<text x=\"\(fmt(px(value)))\" y=\"\(fmt(bottom + 15))\" text-anchor=\"middle\" font-size=\"\(fmt(TextSize.tick))\">\(Self.tickText(value, decimals: ticks.decimals, percent: false))</text>")
      }
    }
    let yTicks = yCategories ?? {
      let ticks = Self.ticks(yRange, target: max(5, Int(plotH / 35)), integer: integerYTicks)
      return ticks.values.map { ($0, Self.tickText($0, decimals: ticks.decimals, percent: yPercent)) }
    }()
    for (value, label) in yTicks {
      out.append("<line x1=\"\(fmt(left))\" x2=\"\(fmt(right))\" y1=\"\(fmt(py(value)))\" y2=\"\(fmt(py(value)))\" stroke=\"#e6e6e6\"/>")
      out.append("<line x1=\"\(fmt(left - 4))\" x2=\"\(fmt(left))\" y1=\"\(fmt(py(value)))\" y2=\"\(fmt(py(value)))\" stroke=\"#333\"/>")
      out.append(
        "<text x=\"\(fmt(left - 6))\" y=\"\(fmt(py(value) + 3.5))\" text-anchor=\"end\" font-size=\"\(fmt(TextSize.tick))\">\(escape(label))</text>")
    }
    out.append("<g clip-path=\"url(#\(id))\">")
    for mark in marks { out.append(mark.svg(px: px, py: py, baseline: py(max(yRange.lowerBound, 0)))) }
    out.append("</g>")
    for mark in marks { if let text = mark.annotationSVG(px: px, py: py) { out.append(text) } }
    out.append("<rect x=\"\(fmt(left))\" y=\"\(fmt(top))\" width=\"\(fmt(right - left))\" height=\"\(fmt(plotH))\" fill=\"none\" stroke=\"#333\"/>")
    out.append(
      "<text x=\"\(fmt((left + right) / 2))\" y=\"\(fmt(bottom + 31))\" text-anchor=\"middle\" font-size=\"\(fmt(TextSize.axis))\">\(escape(xLabel))</text>")
    out.append(
      "<text transform=\"translate(13 \(fmt(top + plotH / 2))) rotate(-90)\" text-anchor=\"middle\" font-size=\"\(fmt(TextSize.axis))\">\(escape(yLabel))</text>")
    let legendTop = bottom + Self.bottom
    for (entry, position) in zip(legend, legendPositions(width)) {
      out.append(entry.svg(x: position.x, y: legendTop + position.row * Self.legendRow + 10))
    }
    return out.joined(separator: "\n")
  }

  // MARK: - Layout

  static let left = 54.0, right = 12.0, bottom = 40.0, legendRow = 15.0
  static func top(_ titleRows: Int) -> Double { Double(titleRows) * 14 + 10 }

  /// The plot area's left edge: ``left``, or wider for the longest y category label.
  private var leftMargin: Double {
    let widest = yCategories?.map { TextSize.width($0.label, size: TextSize.tick) }.max() ?? 0
    return max(Self.left, widest + 20)
  }

  private func plotHeight(_ width: Double) -> Double { plotAreaHeight ?? min(300, max(150, (width - Self.left - Self.right) * 0.62)) }

  private func titleLines(_ width: Double) -> [String] { TextSize.wrap(title, width: width - 8, size: TextSize.panelTitle, bold: true) }

  /// Legend entries' offsets and rows, wrapping at the panel width.
  private func legendPositions(_ width: Double) -> [(x: Double, row: Double)] {
    var x = leftMargin, row = 0.0, positions: [(x: Double, row: Double)] = []
    for entry in legend {
      let w = entry.width
      if x > leftMargin, x + w > width - Self.right {
        x = leftMargin
        row += 1
      }
      positions.append((x, row))
      x += w + 12
    }
    return positions
  }

  private func legendHeight(_ width: Double) -> Double {
    legend.isEmpty ? 0 : (legendPositions(width).last.map { $0.row + 1 } ?? 0) * Self.legendRow + 6
  }

  /// About `target` round tick values inside `range` (steps 1, 2, 2.5 or 5 × 10^k; whole
  /// numbers only when `integer`), and the decimals their labels need.
  static func ticks(_ range: ClosedRange<Double>, target: Int, integer: Bool) -> (values: [Double], decimals: Int) {
    let span = range.upperBound - range.lowerBound
    guard span > 0, span.isFinite else { return ([range.lowerBound], 0) }
    let raw = span / Double(max(1, target)), magnitude = pow(10, floor(log10(raw)))
    var step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
    if integer { step = max(1, step.rounded(.up)) }
    var values: [Double] = []
    var value = ceil(range.lowerBound / step - 1e-9) * step
    while value <= range.upperBound + step * 1e-9, values.count < 40 {
      values.append(abs(value) < step * 1e-9 ? 0 : value)
      value += step
    }
    let decimals = integer ? 0 : (0...12).first { d in
      let scaled = step * pow(10, Double(d))
      return abs(scaled - scaled.rounded()) < 1e-6 * max(1, scaled)
    } ?? 12
    return (values, decimals)
  }

  static func tickText(_ value: Double, decimals: Int, percent: Bool) -> String {
    percent ? String(format: "%.\(max(0, decimals - 2))f%%", value * 100) : String(format: "%.\(decimals)f", value)
  }
}

/// One drawn series, kept as data until the panel is laid out.
private enum Mark: Sendable {
  case line([(Double, Double)], String, Double, Dash, Marker, Int?, Double)
  case bar(Double, Double, Double, String, String?)
  case area([Double], [Double], [Double], String, Double)
  case horizontalBand(Double, Double, String, Double)

  func svg(px: (Double) -> Double, py: (Double) -> Double, baseline: Double) -> String {
    switch self {
    case let .line(points, color, width, dash, marker, markerCount, phase):
      guard !points.isEmpty else { return "" }
      var out = "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"\(fmt(width))\" stroke-linejoin=\"round\"\(dash.attribute) points=\""
        + points.map { "\(fmt(px($0.0))),\(fmt(py($0.1)))" }.joined(separator: " ") + "\"/>"
      if marker != .none {
        let indices: [Int]
        if let markerCount, markerCount < points.count, let first = points.first?.0, let last = points.last?.0 {
          // Evenly spaced along x: the first point at or past each target (curves may run either way).
          indices = (0..<markerCount).compactMap { k in
            let target = first + (Double(k) + phase) / Double(markerCount) * (last - first)
            return points.firstIndex { last >= first ? $0.0 >= target : $0.0 <= target }
          }
        } else {
          indices = Array(points.indices)
        }
        for index in indices { out += marker.svg(x: px(points[index].0), y: py(points[index].1), size: 7, color: color) }
      }
      return out
    case let .bar(x0, x1, y, color, _):
      let top = py(y)
      return "<rect x=\"\(fmt(px(x0)))\" y=\"\(fmt(min(top, baseline)))\" width=\"\(fmt(px(x1) - px(x0)))\" height=\"\(fmt(abs(baseline - top)))\" fill=\"\(color)\" stroke=\"#222\" stroke-width=\"0.8\"/>"
    case let .area(x, lower, upper, color, opacity):
      guard !x.isEmpty else { return "" }
      let upperEdge = zip(x, upper).map { "\(fmt(px($0))),\(fmt(py($1)))" }
      let lowerEdge = zip(x, lower).reversed().map { "\(fmt(px($0))),\(fmt(py($1)))" }
      return "<polygon fill=\"\(color)\" fill-opacity=\"\(fmt(opacity))\" stroke=\"none\" points=\"\((upperEdge + lowerEdge).joined(separator: " "))\"/>"
    case let .horizontalBand(y0, y1, color, opacity):
      let a = py(y0), b = py(y1)
      return "<rect x=\"-10000\" y=\"\(fmt(min(a, b)))\" width=\"20000\" height=\"\(fmt(abs(a - b)))\" fill=\"\(color)\" fill-opacity=\"\(fmt(opacity))\"/>"
    }
  }

  /// A bar's annotation, drawn above the bar and outside the clip region.
  func annotationSVG(px: (Double) -> Double, py: (Double) -> Double) -> String? {
    guard case let .bar(x0, x1, y, _, annotation?) = self else { return nil }
    return "<text x=\"\(fmt((px(x0) + px(x1)) / 2))\" y=\"\(fmt(py(y) - 5))\" text-anchor=\"middle\" font-size=\"\(fmt(TextSize.annotation))\">\(escape(annotation))</text>"
  }
}

/// A legend swatch and its label.
private struct LegendEntry: Sendable {
  enum Style: Sendable {
    case line(Double, Dash, Marker)
    case patch(Double)
  }

  var label: String, color: String, style: Style

  var width: Double { 26 + TextSize.width(label, size: TextSize.legend) }

  func svg(x: Double, y: Double) -> String {
    var out: String
    switch style {
    case let .line(width, dash, marker):
      out = "<line x1=\"\(fmt(x))\" x2=\"\(fmt(x + 22))\" y1=\"\(fmt(y - 3.5))\" y2=\"\(fmt(y - 3.5))\" stroke=\"\(color)\" stroke-width=\"\(fmt(width))\"\(dash.attribute)/>"
      out += marker.svg(x: x + 11, y: y - 3.5, size: 7, color: color)
    case let .patch(opacity):
      out = "<rect x=\"\(fmt(x + 4))\" y=\"\(fmt(y - 9))\" width=\"14\" height=\"11\" fill=\"\(color)\" fill-opacity=\"\(fmt(opacity))\" stroke=\"\(color)\"/>"
    }
    return out + "<text x=\"\(fmt(x + 26))\" y=\"\(fmt(y))\" font-size=\"\(fmt(TextSize.legend))\">\(escape(label))</text>"
  }
}
