// ssl-quality · SampleIDs.swift — one id per sample (e.g. the image path), read from a text file.

/// Sample ids from a text file with one id per line, in row order (read as every
/// ``ListFile``: LF or CRLF line ends, an optional byte-order mark and final line break; ids
/// are kept verbatim otherwise). Used to join per-sample outputs back to images.
public enum SampleIDs {
  /// Reads `path` and checks it holds one non-empty id per row of `matrixName`.
  ///
  /// - Throws: ``InputError`` naming `path` when it cannot be read (or is a special file),
  ///   is not UTF-8, holds an empty line or a number of ids other than `rows`.
  public static func read(_ path: String, rows: Int, of matrixName: String) throws -> [String] {
    let lines = try ListFile.lines(path)
    if let empty = lines.firstIndex(of: "") { throw InputError(path, "line \(empty + 1) is empty (one id per line)") }
    guard lines.count == rows else { throw InputError(path, "has \(lines.count) ids but \(matrixName) has \(rows) rows") }
    return lines
  }
}
