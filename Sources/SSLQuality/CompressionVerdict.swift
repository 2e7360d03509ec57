// ssl-quality · CompressionVerdict.swift — is the discriminative ranking's gap over random real?

/// The gap between the discriminative ranking and random rankings of the same size at one
/// kept fraction, judged two ways, since two kinds of chance could make it:
///
/// 1. **Against the spread of the random rankings** (which features a random ranking
///    happens to keep):
///
///    ```
///    gap = acc_discriminative − mean_s acc_random(s),   z = gap / std_s acc_random(s)
///    ```
///
///    The gap counts as real only when it exceeds two standard deviations of the random
///    accuracies (`|z| > 2`); with fewer than two random seeds there is no spread to compare
///    with and the verdict says so.
///
/// 2. **Against the test sampling error** (which test samples were drawn): McNemar's exact
///    test (``McNemarTest``) of the discriminative ranking's probe against each random
///    seed's probe, on the same test samples. The discriminative ranking is above (below)
///    random only when it is the more (less) accurate at the 5% level
///    (``McNemarTest/direction(level:)``) against **every** seed; otherwise the gap is
///    within the test sampling error.
///
/// With 3 seeds the random spread is itself estimated from three numbers, and with about
/// a thousand test samples an accuracy moves by about 1.2 points from the test draw alone,
/// so the two judgements can disagree; both are reported.
///
/// Also McNemar's test of the kept discriminative features against all features
/// (``againstFull``): whether keeping only them costs more accuracy than the test sampling
/// error explains.
public struct CompressionVerdict: Sendable {
  /// How the gap compares with the random spread.
  public enum Outcome: String, Sendable {
    case aboveRandom = "above_random"
    case belowRandom = "below_random"
    case withinRandomSpread = "within_random_spread"
    case noRandomSpread = "no_random_spread"
  }

  /// How the gap compares with the test sampling error (McNemar against every seed).
  public enum SamplingOutcome: String, Sendable {
    case aboveRandom = "above_random"
    case belowRandom = "below_random"
    case withinSamplingError = "within_sampling_error"
    /// No random ranking was fitted (`--seeds 0`).
    case noRandomRankings = "no_random_rankings"
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
  /// The discriminative ranking's probe (first) against each random seed's (second), on
  /// the same test samples, in seed order.
  public let againstRandom: [McNemarTest]
  public let samplingOutcome: SamplingOutcome
  /// The discriminative ranking's probe at this fraction (first) against the probe on all
  /// features (second); `nil` without test samples.
  public let againstFull: McNemarTest?

  /// Judges `point`, whose random statistics come from `seeds` rankings; `fullCorrect` is
  /// the per-sample correctness of the probe on all features.
  public init(_ point: CompressionSweep.Point, seeds: Int, fullCorrect: [Bool]) {
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
    againstRandom = point.randomCorrect.compactMap { McNemarTest(firstCorrect: point.discriminativeCorrect, secondCorrect: $0) }
    let directions = Set(againstRandom.map { $0.direction() })
    samplingOutcome =
      againstRandom.isEmpty ? .noRandomRankings
      : directions == [.firstBetter] ? .aboveRandom : directions == [.secondBetter] ? .belowRandom : .withinSamplingError
    againstFull = McNemarTest(firstCorrect: point.discriminativeCorrect, secondCorrect: fullCorrect)
  }
}
