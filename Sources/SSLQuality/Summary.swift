// ssl-quality · Summary.swift — count, mean, population standard deviation, min, median and max of a list of values.

/// Mean, population standard deviation, minimum, median and maximum of the finite values.
public struct Summary: Sendable, Equatable {
  public let count: Int
  public let mean: Double, std: Double, min: Double, median: Double, max: Double

  /// Summarises the non-NaN entries of `values` (all NaN when there are none).
  public init(_ values: [Double]) {
    var finite = values.filter { !$0.isNaN }
    count = finite.count
    guard let first = finite.min(), let last = finite.max() else {
      (mean, std, min, median, max) = (.nan, .nan, .nan, .nan, .nan)
      return
    }
    (mean, std) = Self.meanAndStd(finite)
    min = first
    max = last
    median = Percentile.linear(selectingIn: &finite, 50) ?? .nan
  }

  /// Mean and population standard deviation of `values`, `Σ x / n` and `√(Σ (x − mean)² / n)`
  /// (numpy's `mean` and `std`, `ddof=0`), both NaN when there are none. Equal values give
  /// exactly their value and a zero deviation (the sum alone would round `n · x / n`).
  public static func meanAndStd(_ values: [Double]) -> (mean: Double, std: Double) {
    guard let first = values.first else { return (.nan, .nan) }
    if values.allSatisfy({ $0 == first }) { return (first, 0) }
    let mean = values.reduce(0, +) / Double(values.count)
    return (mean, (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)).squareRoot())
  }
}
