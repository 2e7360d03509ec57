// ssl-quality · SampleIDs.swift — one id per sample (e.g. the image path), read from a text file.

import Foundation

/// Sample ids from a text file with one id per line, in row order (a trailing newline and
/// `\r\n` line ends are accepted; ids are kept verbatim otherwise). Used to join per-sample
/// outputs back to images.
public enum SampleIDs {
  /// Reads `path` and checks it holds one non-empty id per row of `matrixName`.
  ///
  /// - Throws: ``InputError`` naming `path` when it cannot be read, is empty or a special
  ///   file, is not UTF-8, holds an empty line or a number of ids other than `rows`.
  public static func read(_ path: String, rows: Int, of matrixName: String) throws -> [String] {
    // Mapped, not `Data(contentsOf:)`: that leaks 4 kB on an empty file (found by fuzz-lists).
    let text = try MappedFile.text(path)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
    if lines.last == "" { lines.removeLast() }
    if let empty = lines.firstIndex(of: "") { throw InputError(path, "line \(empty + 1) is empty (one id per line)") }
    guard lines.count == rows else { throw InputError(path, "has \(lines.count) ids but \(matrixName) has \(rows) rows") }
    return lines
  }
}
