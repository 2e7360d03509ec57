// ssl-quality · JSONSchemaLines.swift — a JSON document's shape, values masked: its key paths in order with their types.

/// The schema of a JSON text as lines `path: type`, in the order the keys appear
/// (`JSONSerialization` forgets it): `rows[].q_auroc: number`. `type` is one of number,
/// string, bool, null, array, object. An array's elements are described once under
/// `path[]`: each distinct line of its elements, in first-seen order (so 64 numbers give
/// one line, and rows whose field is sometimes null give both types).
enum JSONSchemaLines {
  /// The lines of `text`, or nil when it is not one JSON value.
  static func of(_ text: String) -> [String]? {
    var reader = Reader(bytes: Array(text.utf8))
    var lines: [String] = []
    guard reader.value(path: "", into: &lines), reader.atEnd else { return nil }
    return lines
  }

  private struct Reader {
    let bytes: [UInt8]
    var index = 0

    var atEnd: Bool {
      mutating get {
        skipSpace()
        return index == bytes.count
      }
    }

    mutating func skipSpace() {
      while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
    }

    /// Reads one value at `path`, appending its line (unless it is the document itself)
    /// and those of its members.
    mutating func value(path: String, into lines: inout [String]) -> Bool {
      skipSpace()
      guard index < bytes.count else { return false }
      func line(_ type: String) { if !path.isEmpty { lines.append("\(path): \(type)") } }
      switch bytes[index] {
      case UInt8(ascii: "{"):
        line("object")
        index += 1
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
          index += 1
          return true
        }
        while true {
          skipSpace()
          guard let key = string() else { return false }
          skipSpace()
          guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return false }
          index += 1
          guard value(path: path.isEmpty ? key : "\(path).\(key)", into: &lines) else { return false }
          skipSpace()
          guard index < bytes.count else { return false }
          index += 1
          if bytes[index - 1] == UInt8(ascii: "}") { return true }
          guard bytes[index - 1] == UInt8(ascii: ",") else { return false }
        }
      case UInt8(ascii: "["):
        line("array")
        index += 1
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
          index += 1
          return true
        }
        var elements: [String] = []
        while true {
          var element: [String] = []
          guard value(path: path + "[]", into: &element) else { return false }
          for entry in element where !elements.contains(entry) { elements.append(entry) }
          skipSpace()
          guard index < bytes.count else { return false }
          index += 1
          if bytes[index - 1] == UInt8(ascii: "]") {
            lines += elements
            return true
          }
          guard bytes[index - 1] == UInt8(ascii: ",") else { return false }
        }
      case UInt8(ascii: "\""):
        line("string")
        return string() != nil
      default:
        for (word, type) in [("true", "bool"), ("false", "bool"), ("null", "null")] where bytes[index...].starts(with: word.utf8) {
          index += word.utf8.count
          line(type)
          return true
        }
        let start = index
        while index < bytes.count, "+-.0123456789eE".utf8.contains(bytes[index]) { index += 1 }
        line("number")
        return index > start
      }
    }

    /// A string's text (escapes kept as written: keys hold none).
    mutating func string() -> String? {
      guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
      index += 1
      let start = index
      while index < bytes.count, bytes[index] != UInt8(ascii: "\"") { index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1 }
      guard index < bytes.count else { return nil }
      index += 1
      return String(decoding: bytes[start..<(index - 1)], as: UTF8.self)
    }
  }
}
