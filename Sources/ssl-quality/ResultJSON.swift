// ssl-quality · ResultJSON.swift — Codable results as the stable JSON of --json and --out.

import Foundation

/// Encodes a result struct as one line of JSON with sorted keys (so output is byte-stable).
enum ResultJSON {
  static func text(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }
}
