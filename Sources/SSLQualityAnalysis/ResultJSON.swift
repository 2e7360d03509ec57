// ssl-quality · ResultJSON.swift — Codable results as the stable JSON of --json and --json-out, and back.

import Foundation

/// Encodes a result struct as one line of JSON through `JSONEncoder`, and reads it back.
///
/// Keys come out in a fixed order, so the output is byte-stable: the keys of an
/// ``OrderedCodingKey`` type in their documented order (``OrderedCodingKey/position``),
/// other keys (dictionaries, results of the numerics library) sorted — in snake_case for a
/// ``SnakeCaseResult``. NaN and ±∞ (undefined values) are written as `null`.
public enum ResultJSON {
  /// Stands in for a non-finite number until the text is final.
  private static let nonFinite = "\u{1}non-finite\u{1}"
  /// Separates a key's position prefix from its name until the text is final.
  private static let positionMark = "\u{2}"

  /// `value` as one line of JSON.
  public static func text(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: nonFinite, negativeInfinity: nonFinite, nan: nonFinite)
    // Sorting "0007␂name" keys orders them by position; the prefixes are removed below.
    let snakeCase = value is any SnakeCaseResult
    encoder.keyEncodingStrategy = .custom { path in
      guard let key = path.last else { return PlainKey("") }
      guard let ordered = key as? any OrderedCodingKey else { return snakeCase ? PlainKey(snakeCased(key.stringValue)) : key }
      return PlainKey(String(format: "%04d", ordered.position) + positionMark + key.stringValue)
    }
    return finished(try encoder.encode(value))
  }

  /// The encoder's output with the stand-ins resolved, in one scan of its bytes: every
  /// quoted non-finite stand-in becomes `null`, and every key's `"dddd\u0002` prefix
  /// becomes `"`. (A regular expression would do the same but costs milliseconds to
  /// compile in every run.)
  static func finished(_ encoded: Data) -> String {
    let bytes = [UInt8](encoded), quote = UInt8(ascii: "\"")
    let standIn = Array(#""\u0001non-finite\u0001""#.utf8), mark = Array(#"\u0002"#.utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var i = 0
    while i < bytes.count {
      guard bytes[i] == quote else {
        out.append(bytes[i])
        i += 1
        continue
      }
      if bytes[i...].starts(with: standIn) {
        out += "null".utf8
        i += standIn.count
      } else if i + 5 + mark.count <= bytes.count, bytes[(i + 1)..<(i + 5)].allSatisfy({ (0x30...0x39).contains($0) }),
        bytes[(i + 5)...].starts(with: mark)
      {
        out.append(quote)
        i += 5 + mark.count
      } else {
        out.append(quote)
        i += 1
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// A result read back from its JSON (`text(_:)`'s output, or a file holding it).
  public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
    let decoder = JSONDecoder()
    if type is any SnakeCaseResult.Type { decoder.keyDecodingStrategy = .convertFromSnakeCase }
    return try decoder.decode(type, from: data)
  }

  /// `name` in snake_case, as `JSONEncoder.KeyEncodingStrategy.convertToSnakeCase` writes
  /// it: an underscore before every upper-case letter that starts a word (after a
  /// lower-case letter or digit, or ending a run of capitals before a lower-case one),
  /// then everything lower-cased: `qAuprcCorrect` → `q_auprc_correct`, `meanColumnL1` →
  /// `mean_column_l1`.
  static func snakeCased(_ name: String) -> String {
    let characters = Array(name)
    var out = ""
    for (index, character) in characters.enumerated() {
      if character.isUppercase, index > 0 {
        let previous = characters[index - 1]
        let next = index + 1 < characters.count ? characters[index + 1] : nil
        if !previous.isUppercase || next?.isLowercase == true { out.append("_") }
      }
      out += character.lowercased()
    }
    return out
  }

  private struct PlainKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }
}

/// Coding keys written in a documented order: by ``position``, by default
/// ``firstPosition`` plus the key's place in the declaration. Result types whose keys are
/// flattened into one JSON object give their key types distinct ``firstPosition``s.
public protocol OrderedCodingKey: CodingKey, CaseIterable {
  /// The key's place in its JSON object.
  var position: Int { get }
  /// Where this type's keys start.
  static var firstPosition: Int { get }
}

extension OrderedCodingKey {
  public static var firstPosition: Int { 0 }

  public var position: Int {
    Self.firstPosition + (Array(Self.allCases).firstIndex { $0.stringValue == stringValue } ?? 0)
  }
}

/// A result whose JSON keys are snake_case although its Swift names are camelCase
/// (`finetune`'s document, whose settings and records come from the fine-tuning library):
/// ``ResultJSON`` converts every key that is not an ``OrderedCodingKey`` (``ResultJSON/snakeCased(_:)``)
/// and converts them back when decoding.
public protocol SnakeCaseResult: Encodable {}
