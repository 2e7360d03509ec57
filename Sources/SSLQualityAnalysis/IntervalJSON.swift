// ssl-quality · IntervalJSON.swift — a confidence interval as written in results, with its method named.

import SSLQuality

/// A ``ConfidenceInterval`` as a result writes it: `{"lower", "upper", "confidence",
/// "method"}`, the bounds `null` when undefined (a variance from a single sample). The
/// method names how the interval was computed (see docs/uncertainty.md):
///
/// - `wilson`: the Wilson score interval of an accuracy (``WilsonInterval``);
/// - `delong`: an AUROC ± z·√(DeLong's variance), clipped to [0, 1] (``DeLongAUROC``), or
///   the difference of two AUROCs on the same samples (``PairedDeLongTest``);
/// - `mcnemar`: the paired (Wald) interval of the accuracy difference of two classifiers
///   on the same samples, reported with McNemar's test (``McNemarTest``);
/// - `bootstrap`: a seeded percentile bootstrap (``StratifiedBootstrap``).
public struct IntervalJSON: Codable, Sendable, Equatable {
  @FiniteOrNull public var lower: Double
  @FiniteOrNull public var upper: Double
  public var confidence: Double
  public var method: String

  enum CodingKeys: String, OrderedCodingKey {
    case lower, upper, confidence, method
  }

  public init(_ interval: ConfidenceInterval, method: String) {
    (lower, upper, confidence, self.method) = (interval.lower, interval.upper, interval.confidence, method)
  }

  /// The Wilson interval of the share of `true` in `correct`; `nil` when it is empty.
  public static func wilson(_ correct: [Bool]) -> IntervalJSON? {
    WilsonInterval(successes: correct.count { $0 }, trials: correct.count).map { IntervalJSON($0.interval, method: "wilson") }
  }
}
