// ssl-quality · CSVWriter.swift — comma-separated tables (RFC 4180 quoting), safe to open in a spreadsheet.

import Foundation

/// Renders rows as CSV text: fields with commas, quotes or line breaks are quoted, and —
/// unless `raw` — a text field a spreadsheet would run as a formula is neutralised.
///
/// Formula injection (OWASP, "CSV Injection"): Excel, LibreOffice and Google Sheets
/// evaluate a cell that begins with `=`, `+`, `-` or `@` (and, in some, a tab or carriage
/// return), so an id such as `=HYPERLINK(…)` or `@SUM(…)` copied from an input file would
/// run when the table is opened. OWASP's rule is applied: such a field is prefixed with a
/// single quote (`'=HYPERLINK(…)`), which spreadsheets show as text. Numbers (`-0.25`,
/// `-inf`: fields that parse as a `Double`) are left as they are, so numeric columns stay
/// numeric. `raw` (the `--raw-csv` flag) writes every field verbatim.
public enum CSVWriter {
  /// The table `header` + `rows` as CSV, one line per row, ending with a newline.
  public static func render(header: [String], rows: [[String]], raw: Bool = false) -> String {
    ([header] + rows).map { $0.map { field($0, raw: raw) }.joined(separator: ",") }.joined(separator: "\n") + "\n"
  }

  /// The first characters OWASP lists as starting a formula.
  static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

  /// `value` neutralised (unless `raw`), then quoted when it holds a comma, a quote or a
  /// line break (checked on Unicode scalars: `"\r\n"` is one `Character`).
  static func field(_ value: String, raw: Bool) -> String {
    var text = value
    if !raw, let first = value.unicodeScalars.first, formulaStarts.contains(first), Double(value) == nil { text = "'" + value }
    guard text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
