// ssl-quality · FlagRules.swift — every numeric flag of every command checked the same way.

import ArgumentParser
import SSLQualityAnalysis

/// The checks numeric flags share, with one message shape: `--C must be a finite number
/// > 0, got inf`. Infinities and NaN never pass a check. Numeric options are declared with
/// `parsing: .unconditional`, so `--epsilon -1` reaches these checks (and gets the range
/// message) instead of being taken for an unknown flag.
enum FlagRules {
  /// A finite number strictly above `bound`.
  static func above(_ flag: String, _ value: Double, _ bound: Double = 0) throws {
    guard value.isFinite, value > bound else { throw ValidationError("\(flag) must be a finite number > \(Format.number(bound)), got \(value)") }
  }

  /// A finite number at least `bound`.
  static func atLeast(_ flag: String, _ value: Double, _ bound: Double = 0) throws {
    guard value.isFinite, value >= bound else { throw ValidationError("\(flag) must be a finite number ≥ \(Format.number(bound)), got \(value)") }
  }

  /// A finite number in `range`.
  static func within(_ flag: String, _ value: Double, _ range: ClosedRange<Double>) throws {
    guard value.isFinite, range.contains(value) else {
      throw ValidationError("\(flag) must lie in [\(Format.number(range.lowerBound)), \(Format.number(range.upperBound))], got \(value)")
    }
  }

  /// Kept fractions of a representation's features, each in (0, 1].
  static func fractions(_ flag: String, _ values: [Double]) throws {
    for value in values where !(value.isFinite && value > 0 && value <= 1) { throw ValidationError("\(flag) must lie in (0, 1], got \(value)") }
  }

  /// An integer at least `bound`.
  static func atLeast(_ flag: String, _ value: Int, _ bound: Int) throws {
    guard value >= bound else { throw ValidationError("\(flag) must be at least \(bound), got \(value)") }
  }

  /// An integer in `range`.
  static func within(_ flag: String, _ value: Int, _ range: ClosedRange<Int>) throws {
    guard range.contains(value) else { throw ValidationError("\(flag) must lie in \(range.lowerBound)...\(range.upperBound), got \(value)") }
  }
}
