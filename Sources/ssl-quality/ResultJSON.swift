// ssl-quality · ResultJSON.swift — Codable results as the stable JSON of --json and --out.

import Foundation

/// Encodes a result struct as one line of JSON with sorted keys (so output is byte-stable);
/// NaN and ±∞ (undefined values) are written as `null`.
enum ResultJSON {
  private static let marker = "\u{1}non-finite\u{1}"

  static func text(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: marker, negativeInfinity: marker, nan: marker)
    let text = String(decoding: try encoder.encode(value), as: UTF8.self)
    return text.replacingOccurrences(of: "\"\\u0001non-finite\\u0001\"", with: "null")
  }
}
