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
    let average = finite.reduce(0, +) / Double(finite.count)
    mean = average
    std = (finite.reduce(0) { $0 + ($1 - average) * ($1 - average) } / Double(finite.count)).squareRoot()
    min = first
    max = last
    median = Percentile.linear(selectingIn: &finite, 50) ?? .nan
  }
}
