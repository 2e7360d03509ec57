// ssl-quality · ResultJSON.swift — Codable results as the stable JSON of --json and --json-out, and back.

import Foundation

/// Encodes a result struct as one line of JSON through `JSONEncoder`, and reads it back.
///
/// One key-order policy, so the output is byte-stable and the text says what the keys are:
/// every key of every result is an ``OrderedCodingKey``, written as its string value in
/// its documented order (``OrderedCodingKey/position``). The keys of a dictionary
/// (`[String: X]`) are data, not keys: they come out sorted by their text. Any other key
/// (a type's synthesised `CodingKeys` left without ``OrderedCodingKey``) is an error
/// (``UnorderedKey``), so no key falls into an order by accident. NaN and ±∞ (undefined
/// values) are written as `null`.
public enum ResultJSON {
  /// Stands in for a non-finite number until the text is final.
  private static let nonFinite = "\u{1}non-finite\u{1}"
  /// Separates a key's position prefix from its name until the text is final.
  private static let positionMark = "\u{2}"

  /// A coding key that is neither an ``OrderedCodingKey`` nor a dictionary's key, so has no
  /// documented place in its object.
  public struct UnorderedKey: Error, CustomStringConvertible {
    /// The key's name and its type.
    public var key: String, type: String
    public var description: String { "JSON key \(key) of \(type) has no documented order (not an OrderedCodingKey)" }
  }

  /// `value` as one line of JSON.
  ///
  /// - Throws: ``UnorderedKey`` for a key without a documented order; `EncodingError`.
  public static func text(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: nonFinite, negativeInfinity: nonFinite, nan: nonFinite)
    // Sorting "0007␂name" keys orders them by position; the prefixes are removed below.
    let unordered = UnorderedKeys()
    encoder.keyEncodingStrategy = .custom { path in
      guard let key = path.last else { return NamedCodingKey("") }
      guard let ordered = key as? any OrderedCodingKey else {
        // The keys of a dictionary are made by the encoder itself (a Foundation type).
        let keyType = String(reflecting: type(of: key))
        if !keyType.hasPrefix("Foundation") { unordered.record(UnorderedKey(key: key.stringValue, type: keyType)) }
        return key
      }
      return NamedCodingKey(String(format: "%04d", ordered.position) + positionMark + key.stringValue)
    }
    let encoded = try encoder.encode(value)
    if let first = unordered.first { throw first }
    return finished(encoded)
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
    try JSONDecoder().decode(type, from: data)
  }

  /// The first key without a documented order met while encoding (the key strategy
  /// cannot throw).
  ///
  /// Invariant (why `@unchecked Sendable` holds): one is made per ``text(_:)`` call and only
  /// touched by that call's encoder, which runs the key strategy synchronously on the
  /// calling thread.
  private final class UnorderedKeys: @unchecked Sendable {
    private(set) var first: UnorderedKey?
    func record(_ key: UnorderedKey) { if first == nil { first = key } }
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
