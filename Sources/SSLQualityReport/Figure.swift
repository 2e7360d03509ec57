// ssl-quality · Figure.swift — a titled figure of chart panels, laid out for a given width.

/// A standalone SVG figure: a title, a subtitle naming what is shown (file, ε, band,
/// method) and chart panels laid out in a grid that fits `width` pixels. Panels sit side
/// by side while each gets at least ``minimumPanelWidth`` pixels and stack otherwise, so
/// `width = 320` (3.3 in at 96 px per inch, a single paper column) gives one panel per
/// row with text of 9–12 px (7–9 pt at that size).
public struct Figure: Sendable {
  public var title: String
  public var subtitle: String
  public var panels: [SVGChart]
  /// Total width in pixels.
  public var width: Double

  /// Narrowest panel placed beside another.
  public static let minimumPanelWidth = 300.0
  /// Default width of figures (`--plot-width`).
  public static let defaultWidth = 960.0

  public init(title: String, subtitle: String, panels: [SVGChart], width: Double = Figure.defaultWidth) {
    self.title = title
    self.subtitle = subtitle
    self.panels = panels
    self.width = width
  }

  /// Panels per row.
  var columns: Int { max(1, min(panels.count, Int(width / Self.minimumPanelWidth))) }

  /// The SVG document.
  public var svg: String {
    let titleRows = TextSize.wrap(title, width: width - 16, size: TextSize.title, bold: true)
    let subtitleRows = TextSize.wrap(subtitle, width: width - 16, size: TextSize.subtitle, bold: false)
    var out: [String] = []
    var y = 4.0
    for row in titleRows {
      y += 17
      out.append("<text x=\"8\" y=\"\(fmt(y))\" font-size=\"\(fmt(TextSize.title))\" font-weight=\"bold\">\(escape(row))</text>")
    }
    for row in subtitleRows {
      y += 14
      out.append("<text x=\"8\" y=\"\(fmt(y))\" font-size=\"\(fmt(TextSize.subtitle))\" fill=\"#444\">\(escape(row))</text>")
    }
    y += 6
    let panelWidth = width / Double(columns)
    for start in stride(from: 0, to: panels.count, by: columns) {
      let row = panels[start..<min(panels.count, start + columns)]
      let rowHeight = row.map { $0.height(width: panelWidth) }.max() ?? 0
      for (offset, panel) in row.enumerated() {
        out.append("<g transform=\"translate(\(fmt(Double(offset) * panelWidth)) \(fmt(y)))\">")
        out.append(panel.group(width: panelWidth, id: "plot\(start + offset)"))
        out.append("</g>")
      }
      y += rowHeight
    }
    let height = y + 6
    return """
      <svg xmlns="http://www.w3.org/2000/svg" width="\(fmt(width))" height="\(fmt(height))" viewBox="0 0 \(fmt(width)) \(fmt(height))" \
      font-family="DejaVu Sans, Helvetica, Arial, sans-serif">
      <rect x="0" y="0" width="\(fmt(width))" height="\(fmt(height))" fill="white"/>
      \(out.joined(separator: "\n"))
      </svg>

      """
  }
}

/// Font sizes in pixels and a width estimate for laying text out without a font engine.
enum TextSize {
  static let title = 13.0, subtitle = 10.0, panelTitle = 11.5, axis = 11.0, tick = 10.0, legend = 10.0, annotation = 10.0

  /// Approximate rendered width of `text` (average sans-serif advance ≈ 0.56 em, 0.61 bold).
  static func width(_ text: String, size: Double, bold: Bool = false) -> Double {
    Double(text.count) * size * (bold ? 0.61 : 0.56)
  }

  /// `text` broken at spaces into lines no wider than `width`.
  static func wrap(_ text: String, width: Double, size: Double, bold: Bool) -> [String] {
    guard !text.isEmpty else { return [] }
    var lines: [String] = [], current = ""
    for word in text.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
      let candidate = current.isEmpty ? word : current + " " + word
      if !current.isEmpty, Self.width(candidate, size: size, bold: bold) > width {
        lines.append(current)
        current = word
      } else {
        current = candidate
      }
    }
    lines.append(current)
    return lines
  }
}
