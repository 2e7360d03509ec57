// ssl-quality · HTMLReport.swift — one self-contained HTML page bundling analyses, rendered from a Mustache template.

import Foundation
import Mustache

/// The content of a report page: what went in (files with their SHA-256, shape and dtype),
/// every setting, the tool's version, tables, figures (inline SVG) and warnings.
///
/// ``render()`` fills ``ReportTemplate/text`` with swift-mustache. The page loads nothing:
/// styles are inline, figures are inline `<svg>` elements, there are no scripts, links
/// to other resources or web fonts. Text is HTML-escaped by the template; figures are
/// inserted as markup (they come from ``SVGChart``).
public struct HTMLReport: Sendable, Codable {
  /// An input file (its shape `–` when it holds no array, as a saved JSON result).
  public struct Input: Sendable, Codable {
    public var path: String
    public var sha256: String
    public var shape: String
    public var dtype: String
    public init(path: String, sha256: String, shape: [Int], dtype: String) {
      self.path = path
      self.sha256 = sha256
      self.shape = shape.isEmpty ? "–" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
      self.dtype = dtype
    }
  }

  /// A setting and its value, as text.
  public struct Setting: Sendable, Codable {
    public var name: String
    public var value: String
    public init(_ name: String, _ value: String) {
      self.name = name
      self.value = value
    }
  }

  /// A table cell; `best` marks the best value of its column.
  public struct Cell: Sendable, Codable {
    public var text: String
    public var best: Bool
    public init(_ text: String, best: Bool = false) {
      self.text = text
      self.best = best
    }
  }

  public struct Row: Sendable, Codable {
    public var cells: [Cell]
    public init(_ cells: [Cell]) { self.cells = cells }
  }

  /// A table with a title, where its numbers came from (a saved result's path, digest
  /// and command; empty when computed for this page), a header row and an optional note
  /// under it.
  public struct Table: Sendable, Codable {
    public var title: String
    public var source: String
    public var header: [String]
    public var rows: [Row]
    public var note: String
    public init(title: String, source: String = "", header: [String], rows: [Row], note: String = "") {
      self.title = title
      self.source = source
      self.header = header
      self.rows = rows
      self.note = note
    }
  }

  /// A figure: an SVG document (inserted as markup) and its caption.
  public struct Figure: Sendable, Codable {
    public var title: String
    public var caption: String
    public var svg: String
    /// Position among the page's figures, from 0 (set by ``render()``).
    public var index = 0
    public init(title: String, caption: String, svg: String) {
      self.title = title
      self.caption = caption
      self.svg = svg
    }
  }

  public var title: String
  public var toolVersion: String
  public var inputs: [Input] = []
  public var settings: [Setting] = []
  public var tables: [Table] = []
  public var figures: [Figure] = []
  public var warnings: [String] = []

  public init(title: String, toolVersion: String) {
    self.title = title
    self.toolVersion = toolVersion
  }

  /// The page as HTML.
  ///
  /// - Throws: the template's parse error (a defect of ``ReportTemplate/text``, caught by the tests).
  public func render() throws -> String {
    var page = self
    for index in page.figures.indices {
      page.figures[index].index = index
      // Each figure names its clip paths plot0, plot1, …; in one page the names must differ.
      page.figures[index].svg = page.figures[index].svg.replacingOccurrences(of: "id=\"plot", with: "id=\"figure\(index)-plot")
        .replacingOccurrences(of: "url(#plot", with: "url(#figure\(index)-plot")
    }
    return try MustacheTemplate(string: ReportTemplate.text).render(page)
  }
}
