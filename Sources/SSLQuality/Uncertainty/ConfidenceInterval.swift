// ssl-quality · ConfidenceInterval.swift — a two-sided interval at a stated confidence.

/// A two-sided confidence interval `[lower, upper]` at confidence `1 − α`.
public struct ConfidenceInterval: Sendable, Equatable {
  public let lower: Double, upper: Double
  /// The confidence `1 − α`, in (0, 1).
  public let confidence: Double

  public init(lower: Double, upper: Double, confidence: Double) {
    self.lower = lower
    self.upper = upper
    self.confidence = confidence
  }

  /// The normal-approximation interval `estimate ± halfWidth`, clipped to `bounds`; both
  /// bounds NaN when `halfWidth` is NaN (no variance could be estimated).
  init(estimate: Double, halfWidth: Double, clippedTo bounds: ClosedRange<Double>, confidence: Double) {
    if halfWidth.isNaN {
      self.init(lower: .nan, upper: .nan, confidence: confidence)
    } else {
      self.init(
        lower: max(bounds.lowerBound, estimate - halfWidth), upper: min(bounds.upperBound, estimate + halfWidth), confidence: confidence)
    }
  }

  /// `upper − lower`.
  public var width: Double { upper - lower }

  /// Whether `value` lies in the closed interval.
  public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }
}
