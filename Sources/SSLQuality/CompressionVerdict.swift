// ssl-quality · CompressionVerdict.swift — is the discriminative ranking's gap over random real?

/// The gap between the discriminative ranking and random rankings of the same size at one
/// kept fraction, judged against the spread of the random rankings themselves:
///
/// ```
/// gap = acc_discriminative − mean_s acc_random(s),   z = gap / std_s acc_random(s)
/// ```
///
/// The gap counts as real only when it exceeds two standard deviations of the random
/// accuracies (`|z| > 2`); with fewer than two random seeds there is no spread to compare
/// with and the verdict says so.
public struct CompressionVerdict: Sendable, Equatable {
  /// How the gap compares with the random spread.
  public enum Outcome: String, Sendable {
    case aboveRandom = "above_random"
    case belowRandom = "below_random"
    case withinRandomSpread = "within_random_spread"
    case noRandomSpread = "no_random_spread"
  }

  public let fraction: Double
  public let kept: Int
  /// Discriminative minus random mean accuracy (a fraction, not points).
  public let gap: Double
  public let randomMean: Double, randomStd: Double
  public let seeds: Int
  /// `gap / randomStd`; `nil` without a spread (fewer than two seeds, or a zero std).
  public let standardDeviations: Double?
  public let outcome: Outcome

  /// Judges `point`, whose random statistics come from `seeds` rankings.
  public init(_ point: CompressionSweep.Point, seeds: Int) {
    fraction = point.fraction
    kept = point.kept
    randomMean = point.randomMean
    randomStd = point.randomStd
    self.seeds = seeds
    gap = point.discriminative - point.randomMean
    if seeds < 2 || !point.randomStd.isFinite {
      standardDeviations = nil
      outcome = .noRandomSpread
    } else if point.randomStd == 0 {
      standardDeviations = nil
      outcome = gap > 0 ? .aboveRandom : gap < 0 ? .belowRandom : .withinRandomSpread
    } else {
      let z = gap / point.randomStd
      standardDeviations = z
      outcome = z > 2 ? .aboveRandom : z < -2 ? .belowRandom : .withinRandomSpread
    }
  }
}
