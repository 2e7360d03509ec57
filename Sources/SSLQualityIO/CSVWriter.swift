// ssl-quality · CSVWriter.swift — comma-separated tables (RFC 4180 quoting).

import Foundation

/// Renders rows as CSV text: fields with commas, quotes or line breaks are quoted.
public enum CSVWriter {
  /// The table `header` + `rows` as CSV, one line per row, ending with a newline.
  public static func render(header: [String], rows: [[String]]) -> String {
    ([header] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\n") + "\n"
  }

  private static func field(_ value: String) -> String {
    guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
    return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
