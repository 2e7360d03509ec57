// ssl-quality · McNemarTest+Direction.swift — which of two classifiers a McNemar test favours, at a stated level.

extension McNemarTest {
  /// Which classifier is the more accurate, as far as the test can tell.
  public enum Direction: String, Sendable {
    /// The first is more accurate: `b > c` and the exact p-value is below the level.
    case firstBetter = "first_better"
    /// The second is more accurate: `c > b` and the exact p-value is below the level.
    case secondBetter = "second_better"
    /// The exact p-value is at or above the level: the gap is within the test sampling error.
    case noClearDifference = "no_clear_difference"
  }

  /// The significance level paired verdicts use: 5%, two-sided.
  public static let level = 0.05

  /// ``Direction`` at `level`: a difference only when ``exactPValue`` `< level`, its sign
  /// that of `b − c` (first minus second).
  public func direction(level: Double = McNemarTest.level) -> Direction {
    guard exactPValue < level, firstOnly != secondOnly else { return .noClearDifference }
    return firstOnly > secondOnly ? .firstBetter : .secondBetter
  }
}
