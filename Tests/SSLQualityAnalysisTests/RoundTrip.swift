// ssl-quality · RoundTrip.swift — a result encoded as JSON and decoded back.

import Foundation
import SSLQualityAnalysis
import Testing

/// Encodes `value` with ``ResultJSON``, decodes it back and checks that nothing changed —
/// neither the value nor its JSON text.
func expectRoundTrip<T: Codable & Equatable>(_ value: T, sourceLocation: SourceLocation = #_sourceLocation) throws {
  let text = try ResultJSON.text(value)
  let back = try ResultJSON.decode(T.self, from: Data(text.utf8))
  #expect(back == value, sourceLocation: sourceLocation)
  #expect(try ResultJSON.text(back) == text, sourceLocation: sourceLocation)
}

/// The JSON object `value` encodes to.
func jsonObject(_ value: some Encodable) throws -> [String: Any] {
  try JSONSerialization.jsonObject(with: Data(ResultJSON.text(value).utf8)) as? [String: Any] ?? [:]
}
