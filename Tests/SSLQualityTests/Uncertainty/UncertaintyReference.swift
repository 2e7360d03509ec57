// ssl-quality · UncertaintyReference.swift — the numpy / scipy / scikit-learn reference of the interval methods.

import Foundation
import TestSupport

/// fixtures/uncertainty/expected.json, written by fixtures/make_uncertainty_reference.py
/// (floats as `repr` strings, so they read back exactly).
enum UncertaintyReference {
  nonisolated(unsafe) static let all: [String: Any] = Fixtures.object("uncertainty/expected.json")

  /// The list of cases under `key`.
  static func list(_ key: String) -> [[String: Any]] { all[key] as? [[String: Any]] ?? [] }

  /// The cases under `key`, by name.
  static func named(_ key: String) -> [String: [String: Any]] { all[key] as? [String: [String: Any]] ?? [:] }

  /// A `repr` string as a Double (NaN when absent).
  static func number(_ value: Any?) -> Double { (value as? String).flatMap(Double.init) ?? .nan }

  static func numbers(_ value: Any?) -> [Double] { (value as? [String] ?? []).map { Double($0) ?? .nan } }
}

/// `got` agrees with `want` to `relative` of the larger magnitude, or within `absolute`
/// (for values that are zero in exact arithmetic); NaN matches NaN.
func approximatelyEqual(_ got: Double, _ want: Double, relative: Double = 1e-9, absolute: Double = 1e-15) -> Bool {
  (got.isNaN && want.isNaN) || got == want || abs(got - want) <= max(absolute, relative * max(abs(got), abs(want)))
}
