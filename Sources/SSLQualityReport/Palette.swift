// ssl-quality · Palette.swift — colours, dash patterns and markers that survive colour blindness and grey print.

import SSLQuality

/// The Okabe–Ito palette (Okabe & Ito, "Color Universal Design", 2008): eight colours that
/// stay distinguishable under the common colour-vision deficiencies. Figures pair each
/// colour with a dash pattern or marker so series stay apart in grey print as well.
public enum Palette {
  public static let black = "#000000"
  public static let orange = "#E69F00"
  public static let skyBlue = "#56B4E9"
  public static let bluishGreen = "#009E73"
  public static let yellow = "#F0E442"
  public static let blue = "#0072B2"
  public static let vermillion = "#D55E00"
  public static let reddishPurple = "#CC79A7"
  /// Reference lines (base rates, full-size accuracy) and grid-free annotations.
  public static let grey = "#666666"
}

/// A line's dash pattern.
public enum Dash: Sendable {
  case solid, dashed, dotted, dashDot

  var attribute: String {
    switch self {
    case .solid: ""
    case .dashed: " stroke-dasharray=\"6 3\""
    case .dotted: " stroke-dasharray=\"1.5 2.5\" stroke-linecap=\"round\""
    case .dashDot: " stroke-dasharray=\"7 3 1.5 3\""
    }
  }
}

/// A point marker.
public enum Marker: Sendable {
  case none, circle, square, triangle, diamond

  /// SVG for the marker centred at (`x`, `y`), `size` pixels across.
  func svg(x: Double, y: Double, size: Double, color: String) -> String {
    let r = size / 2
    switch self {
    case .none: return ""
    case .circle:
      return "<circle cx=\"\(fmt(x))\" cy=\"\(fmt(y))\" r=\"\(fmt(r))\" fill=\"white\" stroke=\"\(color)\" stroke-width=\"1.4\"/>"
    case .square:
      return "<rect x=\"\(fmt(x - r))\" y=\"\(fmt(y - r))\" width=\"\(fmt(size))\" height=\"\(fmt(size))\" fill=\"\(color)\"/>"
    case .triangle:
      return "<polygon points=\"\(fmt(x)),\(fmt(y - r * 1.15)) \(fmt(x - r * 1.1)),\(fmt(y + r * 0.85)) \(fmt(x + r * 1.1)),\(fmt(y + r * 0.85))\" fill=\"\(color)\"/>"
    case .diamond:
      return "<polygon points=\"\(fmt(x)),\(fmt(y - r * 1.2)) \(fmt(x + r)),\(fmt(y)) \(fmt(x)),\(fmt(y + r * 1.2)) \(fmt(x - r)),\(fmt(y))\" fill=\"\(color)\"/>"
    }
  }
}

/// A coordinate with two decimals, as SVG attributes carry them.
func fmt(_ value: Double) -> String { String(format: "%.2f", value) }

/// `text` as XML character data: the special characters `&`, `<`, `>` as entities, and
/// control characters (which XML 1.0 forbids, even as character references) made visible
/// as `\u{XX}` (``ControlCharacters``).
func escape(_ text: String) -> String {
  ControlCharacters.escaped(text).replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
}
