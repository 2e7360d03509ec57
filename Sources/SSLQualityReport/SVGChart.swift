// ssl-quality · SVGChart.swift — small, dependency-free SVG charts.

import Foundation

/// One chart panel: axes with ticks, a title, and series drawn in data coordinates.
public struct SVGChart {
  /// Panel size in pixels.
  public var width: Double = 560, height: Double = 380
  public var title: String, xLabel: String, yLabel: String
  /// Data ranges mapped onto the plot area.
  public var xRange: ClosedRange<Double>, yRange: ClosedRange<Double>
  private var marks: [String] = []
  private var legend: [(String, String)] = []
  private let left = 64.0, right = 16.0, top = 34.0, bottom = 48.0

  public init(title: String, xLabel: String, yLabel: String, xRange: ClosedRange<Double>, yRange: ClosedRange<Double>) {
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.xRange = xRange.lowerBound == xRange.upperBound ? xRange.lowerBound...(xRange.lowerBound + 1) : xRange
    self.yRange = yRange.lowerBound == yRange.upperBound ? yRange.lowerBound...(yRange.lowerBound + 1) : yRange
  }

  private func px(_ x: Double) -> Double {
    left + (x - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound) * (width - left - right)
  }

  private func py(_ y: Double) -> Double {
    height - bottom - (y - yRange.lowerBound) / (yRange.upperBound - yRange.lowerBound) * (height - top - bottom)
  }

  /// A polyline through `points`; `label` adds a legend entry.
  public mutating func line(_ points: [(Double, Double)], color: String, width: Double = 1.5, dashed: Bool = false, label: String? = nil) {
    let finite = points.filter { $0.0.isFinite && $0.1.isFinite }
    guard !finite.isEmpty else { return }
    let path = finite.map { "\(fmt(px($0.0))),\(fmt(py($0.1)))" }.joined(separator: " ")
    marks.append(
      "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"\(fmt(width))\"\(dashed ? " stroke-dasharray=\"6 4\"" : "") points=\"\(path)\"/>")
    if let label { legend.append((label, color)) }
  }

  /// A filled band between `lower` and `upper` over the same x values.
  public mutating func area(x: [Double], lower: [Double], upper: [Double], color: String, opacity: Double = 0.2, label: String? = nil) {
    guard !x.isEmpty else { return }
    let top = zip(x, upper).map { "\(fmt(px($0))),\(fmt(py($1)))" }
    let bottomEdge = zip(x, lower).reversed().map { "\(fmt(px($0))),\(fmt(py($1)))" }
    marks.append("<polygon fill=\"\(color)\" fill-opacity=\"\(fmt(opacity))\" stroke=\"none\" points=\"\((top + bottomEdge).joined(separator: " "))\"/>")
    if let label { legend.append((label, color)) }
  }

  /// A shaded horizontal band between `y0` and `y1` across the whole plot.
  public mutating func horizontalBand(_ y0: Double, _ y1: Double, color: String, label: String? = nil) {
    let a = py(max(y0, yRange.lowerBound)), b = py(min(y1, yRange.upperBound))
    marks.append(
      "<rect x=\"\(fmt(left))\" y=\"\(fmt(min(a, b)))\" width=\"\(fmt(width - left - right))\" height=\"\(fmt(abs(a - b)))\" fill=\"\(color)\" fill-opacity=\"0.18\"/>")
    if let label { legend.append((label, color)) }
  }

  /// Histogram bars: `counts[k]` over `[edges[k], edges[k+1])`.
  public mutating func bars(edges: [Double], counts: [Double], color: String, opacity: Double = 0.55, label: String? = nil) {
    for k in counts.indices where counts[k] > 0 {
      let x0 = px(edges[k]), x1 = px(edges[k + 1]), y = py(counts[k])
      marks.append(
        "<rect x=\"\(fmt(x0))\" y=\"\(fmt(y))\" width=\"\(fmt(max(0.5, x1 - x0)))\" height=\"\(fmt(py(yRange.lowerBound) - y))\" fill=\"\(color)\" fill-opacity=\"\(fmt(opacity))\"/>")
    }
    if let label { legend.append((label, color)) }
  }

  /// The panel as an SVG group (without the outer `<svg>`).
  public func group() -> String {
    var out = "<rect x=\"0\" y=\"0\" width=\"\(fmt(width))\" height=\"\(fmt(height))\" fill=\"white\"/>\n"
    out += "<text x=\"\(fmt(width / 2))\" y=\"20\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"bold\">\(escape(title))</text>\n"
    for (value, position) in ticks(xRange).map({ ($0, px($0)) }) {
      out += "<line x1=\"\(fmt(position))\" x2=\"\(fmt(position))\" y1=\"\(fmt(top))\" y2=\"\(fmt(height - bottom))\" stroke=\"#eee\"/>"
      out += "<text x=\"\(fmt(position))\" y=\"\(fmt(height - bottom + 16))\" text-anchor=\"middle\" font-size=\"11\">\(tickText(value))</text>\n"
    }
    for (value, position) in ticks(yRange).map({ ($0, py($0)) }) {
      out += "<line x1=\"\(fmt(left))\" x2=\"\(fmt(width - right))\" y1=\"\(fmt(position))\" y2=\"\(fmt(position))\" stroke=\"#eee\"/>"
      out += "<text x=\"\(fmt(left - 6))\" y=\"\(fmt(position + 4))\" text-anchor=\"end\" font-size=\"11\">\(tickText(value))</text>\n"
    }
    out += marks.joined(separator: "\n") + "\n"
    out += "<rect x=\"\(fmt(left))\" y=\"\(fmt(top))\" width=\"\(fmt(width - left - right))\" height=\"\(fmt(height - top - bottom))\" fill=\"none\" stroke=\"#333\"/>\n"
    out += "<text x=\"\(fmt((left + width - right) / 2))\" y=\"\(fmt(height - 10))\" text-anchor=\"middle\" font-size=\"12\">\(escape(xLabel))</text>\n"
    out += "<text transform=\"translate(16 \(fmt((top + height - bottom) / 2))) rotate(-90)\" text-anchor=\"middle\" font-size=\"12\">\(escape(yLabel))</text>\n"
    for (index, (label, color)) in legend.enumerated() {
      let y = top + 14 + Double(index) * 16
      out += "<rect x=\"\(fmt(width - right - 170))\" y=\"\(fmt(y - 9))\" width=\"12\" height=\"10\" fill=\"\(color)\"/>"
      out += "<text x=\"\(fmt(width - right - 152))\" y=\"\(fmt(y))\" font-size=\"11\">\(escape(label))</text>\n"
    }
    return out
  }

  /// A standalone SVG document of panels laid out left to right.
  public static func document(_ panels: [SVGChart]) -> String {
    let totalWidth = panels.reduce(0) { $0 + $1.width }, height = panels.map(\.height).max() ?? 0
    var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(fmt(totalWidth))\" height=\"\(fmt(height))\" font-family=\"sans-serif\">\n"
    var x = 0.0
    for panel in panels {
      out += "<g transform=\"translate(\(fmt(x)) 0)\">\n" + panel.group() + "</g>\n"
      x += panel.width
    }
    return out + "</svg>\n"
  }

  private func ticks(_ range: ClosedRange<Double>) -> [Double] {
    let span = range.upperBound - range.lowerBound
    let raw = span / 5, magnitude = pow(10, floor(log10(raw)))
    let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
    var value = ceil(range.lowerBound / step) * step, values: [Double] = []
    while value <= range.upperBound + step * 1e-9, values.count < 20 {
      values.append(value)
      value += step
    }
    return values
  }

  private func tickText(_ value: Double) -> String { String(format: "%.4g", abs(value) < 1e-12 ? 0 : value) }
}

private func fmt(_ value: Double) -> String { String(format: "%.2f", value) }

private func escape(_ text: String) -> String {
  text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
}
