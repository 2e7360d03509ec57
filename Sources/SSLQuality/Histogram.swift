// ssl-quality · Histogram.swift — counts of values in equal-width bins.

/// Counts of values in `bins` equal-width bins over `range`, as `numpy.histogram` bins
/// them: bin `k` is `[e_k, e_{k+1})`, the last bin also holds the right edge, values
/// outside `range` and NaN are not counted.
///
/// ```
/// e_k = lo + k · (hi − lo) / bins,  k = 0…bins
/// ```
///
/// A degenerate range (`lo == hi`) is widened to `[lo − 0.5, lo + 0.5]`, as numpy does.
///
/// - Complexity: O(N).
public struct Histogram: Sendable, Equatable {
  /// `bins + 1` ascending bin edges.
  public let edges: [Double]
  /// `counts[k]` values fell in `[edges[k], edges[k+1])`.
  public let counts: [Int]

  /// Bins `values`.
  ///
  /// - Precondition: `bins ≥ 1` and a finite `range`.
  public init(_ values: some Sequence<Double>, bins: Int, range: ClosedRange<Double>) {
    precondition(bins >= 1, "a histogram needs at least one bin")
    precondition(range.lowerBound.isFinite && range.upperBound.isFinite, "histogram range must be finite")
    let low = range.lowerBound == range.upperBound ? range.lowerBound - 0.5 : range.lowerBound
    let high = range.lowerBound == range.upperBound ? range.upperBound + 0.5 : range.upperBound
    let width = (high - low) / Double(bins)
    edges = (0...bins).map { $0 == bins ? high : low + Double($0) * width }
    var counts = [Int](repeating: 0, count: bins)
    for value in values where value >= low && value <= high {
      counts[min(bins - 1, Int((value - low) / width))] += 1
    }
    self.counts = counts
  }

  /// Number of values counted.
  public var total: Int { counts.reduce(0, +) }

  /// The smallest range holding every finite value, or `nil` when there is none.
  public static func range(of values: some Sequence<Double>) -> ClosedRange<Double>? {
    var low = Double.infinity, high = -Double.infinity
    for value in values where value.isFinite {
      low = min(low, value)
      high = max(high, value)
    }
    return low <= high ? low...high : nil
  }
}
