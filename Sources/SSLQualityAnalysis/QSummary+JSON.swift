// ssl-quality · QSummary+JSON.swift — a Q-Score summary as JSON, in either of its two key orders.

import SSLQuality

/// The names of a ``QSummary``'s five numbers; their declaration order is their order in JSON.
protocol QSummaryKey: OrderedCodingKey {
  static var mean: Self { get }
  static var std: Self { get }
  static var min: Self { get }
  static var median: Self { get }
  static var max: Self { get }
}

/// As its own document (`score`'s `q`) a summary lists its keys in the documented order
/// ``DocumentedKey``; `calibrate`, whose keys are all sorted, writes it with ``SortedKey``.
/// A number that is NaN or ±∞ (no finite score) is written as `null` and read back from
/// `null` as NaN.
extension QSummary: Codable {
  /// `score`'s documented order: mean, std, min, median, max.
  enum DocumentedKey: String, QSummaryKey {
    case mean, std, min, median, max
  }

  /// `calibrate`'s order: the keys sorted.
  enum SortedKey: String, QSummaryKey {
    case max, mean, median, min, std
  }

  public init(from decoder: any Decoder) throws {
    try self.init(from: decoder, keys: DocumentedKey.self)
  }

  public func encode(to encoder: any Encoder) throws {
    try encode(to: encoder, keys: DocumentedKey.self)
  }

  /// Reads the five numbers under `Key`'s names.
  init<Key: QSummaryKey>(from decoder: any Decoder, keys: Key.Type) throws {
    let container = try decoder.container(keyedBy: Key.self)
    func read(_ key: Key) throws -> Double { try container.decodeNil(forKey: key) ? .nan : container.decode(Double.self, forKey: key) }
    self.init(mean: try read(.mean), std: try read(.std), min: try read(.min), median: try read(.median), max: try read(.max))
  }

  /// Writes the five numbers under `Key`'s names, in `Key`'s order.
  func encode<Key: QSummaryKey>(to encoder: any Encoder, keys: Key.Type) throws {
    var container = encoder.container(keyedBy: Key.self)
    for (key, value) in [(Key.mean, mean), (.std, std), (.min, min), (.median, median), (.max, max)] {
      if value.isFinite { try container.encode(value, forKey: key) } else { try container.encodeNil(forKey: key) }
    }
  }
}
