// ssl-quality · ListFile.swift — the lines of a list file (ids, image lists), however its lines end.

/// A text file holding one entry per line, such as an `--ids` or `--images` list.
///
/// Every list file is read alike: UTF-8 text, a leading byte-order mark (U+FEFF, as
/// Windows editors write) dropped, lines ended by LF or CRLF (the CR is removed), and a line
/// break at the end of the file not counted as an empty last line. Lines are split on the
/// bytes, not on Swift characters: `"\r\n"` is one `Character`, so splitting a `String` at
/// `"\n"` would leave a CRLF file as a single line.
enum ListFile {
  /// The lines of the regular file at `path` (special files are refused before reading).
  ///
  /// - Throws: ``InputError`` naming `path` for a missing, empty, special or non-UTF-8 file.
  static func lines(_ path: String) throws -> [String] {
    lines(of: try MappedFile.text(path))
  }

  /// The lines of `text`, by the rules above.
  static func lines(of text: String) -> [String] {
    var bytes = Substring(text).utf8[...]
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
    var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
      String(decoding: line.last == 0x0D ? line.dropLast() : line, as: UTF8.self)
    }
    if lines.last == "" { lines.removeLast() }
    return lines
  }
}
