// ssl-quality · QSummary.swift — the five numbers of a Q-Score summary, as results write them.

/// Mean, population standard deviation, minimum, median and maximum of the finite
/// Q-Scores (a ``Summary`` without its count), as `score` and `calibrate` report them. A
/// number that is NaN or ±∞ (no finite score) is written as `null` and read back from
/// `null` as NaN. `Key` names the five keys, and so sets their order in a result's JSON
/// (`score` lists them in a documented order, `calibrate` sorts every key).
public struct QSummary<Key: QSummaryKey>: Sendable, Equatable, Codable {
  public var mean: Double, std: Double, min: Double, median: Double, max: Double

  public init(_ summary: Summary) {
    (mean, std, min, median, max) = (summary.mean, summary.std, summary.min, summary.median, summary.max)
  }

  private var fields: [(Key, Double)] { [(.mean, mean), (.std, std), (.min, min), (.median, median), (.max, max)] }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: Key.self)
    func read(_ key: Key) throws -> Double { try container.decodeNil(forKey: key) ? .nan : container.decode(Double.self, forKey: key) }
    (mean, std, min, median, max) = (try read(.mean), try read(.std), try read(.min), try read(.median), try read(.max))
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: Key.self)
    for (key, value) in fields {
      if value.isFinite { try container.encode(value, forKey: key) } else { try container.encodeNil(forKey: key) }
    }
  }

  /// Equal when each number is equal or both are NaN.
  public static func == (lhs: QSummary, rhs: QSummary) -> Bool {
    zip(lhs.fields, rhs.fields).allSatisfy { $0.1 == $1.1 || ($0.1.isNaN && $1.1.isNaN) }
  }
}

/// The keys of a ``QSummary``.
public protocol QSummaryKey: CodingKey, Sendable {
  static var mean: Self { get }
  static var std: Self { get }
  static var min: Self { get }
  static var median: Self { get }
  static var max: Self { get }
}
