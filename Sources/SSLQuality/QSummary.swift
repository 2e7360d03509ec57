// ssl-quality · QSummary.swift — the five numbers of a Q-Score summary.

/// Mean, population standard deviation, minimum, median and maximum of the finite
/// Q-Scores (a ``Summary`` without its count), as `score` and `calibrate` report them;
/// each is NaN when there is no finite score.
public struct QSummary: Sendable, Equatable {
  public var mean: Double, std: Double, min: Double, median: Double, max: Double

  public init(_ summary: Summary) {
    (mean, std, min, median, max) = (summary.mean, summary.std, summary.min, summary.median, summary.max)
  }

  public init(mean: Double, std: Double, min: Double, median: Double, max: Double) {
    (self.mean, self.std, self.min, self.median, self.max) = (mean, std, min, median, max)
  }

  /// Equal when each number is equal or both are NaN.
  public static func == (lhs: QSummary, rhs: QSummary) -> Bool {
    let left = [lhs.mean, lhs.std, lhs.min, lhs.median, lhs.max], right = [rhs.mean, rhs.std, rhs.min, rhs.median, rhs.max]
    return zip(left, right).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
  }
}
