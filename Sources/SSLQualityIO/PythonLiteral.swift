// ssl-quality · PythonLiteral.swift — the Python literal subset .npy headers are written in.

/// A value of the Python literal subset that `.npy` headers use.
indirect enum PythonLiteral: Equatable {
  case string(String)
  case integer(Int)
  case boolean(Bool)
  case none
  case tuple([PythonLiteral])
  case list([PythonLiteral])
  case dictionary([(String, PythonLiteral)])

  static func == (lhs: PythonLiteral, rhs: PythonLiteral) -> Bool {
    switch (lhs, rhs) {
    case (.string(let a), .string(let b)): a == b
    case (.integer(let a), .integer(let b)): a == b
    case (.boolean(let a), .boolean(let b)): a == b
    case (.none, .none): true
    case (.tuple(let a), .tuple(let b)), (.list(let a), .list(let b)): a == b
    case (.dictionary(let a), .dictionary(let b)): a.map(\.0) == b.map(\.0) && a.map(\.1) == b.map(\.1)
    default: false
    }
  }

  /// Parses `text` as one literal followed only by white space.
  static func parse(_ text: String) throws(FormatProblem) -> PythonLiteral {
    var parser = Parser(characters: Array(text.unicodeScalars))
    let value = try parser.value(depth: 0)
    parser.skipSpace()
    guard parser.position == parser.characters.count else {
      throw FormatProblem("header has text after its dictionary")
    }
    return value
  }

  private struct Parser {
    let characters: [Unicode.Scalar]
    var position = 0

    mutating func skipSpace() {
      while position < characters.count, characters[position].properties.isWhitespace { position += 1 }
    }

    mutating func value(depth: Int) throws(FormatProblem) -> PythonLiteral {
      guard depth < 32 else { throw FormatProblem("header nests too deeply") }
      skipSpace()
      guard position < characters.count else { throw FormatProblem("header ends early") }
      switch characters[position] {
      case "{": return try dictionary(depth: depth)
      case "(": return try sequence(close: ")", depth: depth, tuple: true)
      case "[": return try sequence(close: "]", depth: depth, tuple: false)
      case "'", "\"": return .string(try string())
      case "-", "0"..."9": return .integer(try integer())
      default:
        for (word, literal) in [("True", PythonLiteral.boolean(true)), ("False", .boolean(false)), ("None", .none)]
        where matches(word) {
          position += word.unicodeScalars.count
          return literal
        }
        throw FormatProblem("header is not a Python dictionary literal (unexpected '\(characters[position])')")
      }
    }

    private func matches(_ word: String) -> Bool {
      let scalars = Array(word.unicodeScalars)
      return position + scalars.count <= characters.count
        && Array(characters[position..<(position + scalars.count)]) == scalars
    }

    private mutating func expect(_ scalar: Unicode.Scalar) throws(FormatProblem) {
      skipSpace()
      guard position < characters.count, characters[position] == scalar else {
        throw FormatProblem("header is not a Python dictionary literal (expected '\(scalar)')")
      }
      position += 1
    }

    private mutating func peek(_ scalar: Unicode.Scalar) -> Bool {
      skipSpace()
      return position < characters.count && characters[position] == scalar
    }

    private mutating func dictionary(depth: Int) throws(FormatProblem) -> PythonLiteral {
      try expect("{")
      var entries: [(String, PythonLiteral)] = []
      while !peek("}") {
        guard case .string(let key) = try value(depth: depth + 1) else {
          throw FormatProblem("header dictionary has a key that is not a string")
        }
        try expect(":")
        entries.append((key, try value(depth: depth + 1)))
        if !peek(",") { break }
        position += 1
      }
      try expect("}")
      return .dictionary(entries)
    }

    private mutating func sequence(close: Unicode.Scalar, depth: Int, tuple: Bool) throws(FormatProblem) -> PythonLiteral {
      position += 1
      var items: [PythonLiteral] = []
      while !peek(close) {
        items.append(try value(depth: depth + 1))
        if !peek(",") { break }
        position += 1
      }
      try expect(close)
      return tuple ? .tuple(items) : .list(items)
    }

    private mutating func string() throws(FormatProblem) -> String {
      let quote = characters[position]
      position += 1
      var result = String.UnicodeScalarView()
      while position < characters.count, characters[position] != quote {
        if characters[position] == "\\" { position += 1 }
        guard position < characters.count else { break }
        result.append(characters[position])
        position += 1
      }
      guard position < characters.count else { throw FormatProblem("header has an unterminated string") }
      position += 1
      return String(result)
    }

    private mutating func integer() throws(FormatProblem) -> Int {
      let start = position
      if characters[position] == "-" { position += 1 }
      while position < characters.count, ("0"..."9").contains(characters[position]) { position += 1 }
      if position < characters.count, [".", "e", "E", "j"].contains(characters[position]) {
        throw FormatProblem("header has a number that is not an integer")
      }
      // Python 2 era writers append L to longs.
      let text = String(String.UnicodeScalarView(characters[start..<position]))
      if position < characters.count, characters[position] == "L" { position += 1 }
      guard let value = Int(text) else { throw FormatProblem("header has an integer out of range: \(text)") }
      return value
    }
  }
}
