// ssl-quality · ConfidenceInterval+JSON.swift — the one JSON shape of a confidence interval, with its method named.

import SSLQuality

/// A confidence interval as every result writes it, the method named beside it:
///
/// ```
/// {"lower": 0.849, "upper": 0.879, "confidence": 0.95, "method": "wilson", "resamples": null, "seed": null}
/// ```
///
/// `lower` and `upper` are `null` when undefined (a DeLong variance from a single positive,
/// a bootstrap replicate without a value); `resamples` and `seed` are the bootstrap's
/// `B` and seed, `null` for the closed-form methods. The methods are those of
/// `docs/uncertainty.md` (``Method``).
public struct IntervalJSON: Codable, Sendable, Equatable {
  @FiniteOrNull public var lower: Double
  @FiniteOrNull public var upper: Double
  /// The confidence `1 − α` (0.95 for a 95% interval).
  public var confidence: Double
  public var method: Method
  /// The bootstrap's number of replicates and seed; `nil` for closed-form methods.
  @NullWhenAbsent public var resamples: Int?
  @NullWhenAbsent public var seed: UInt64?

  /// How an interval was computed (its JSON value).
  public enum Method: String, Codable, Sendable, CaseIterable {
    /// Wilson's score interval of a proportion (``WilsonInterval``).
    case wilson
    /// DeLong's normal interval of an AUROC (``DeLongAUROC``).
    case delong
    /// DeLong's interval of the difference of two AUROCs on the same samples (``PairedDeLongTest``).
    case pairedDelong = "paired_delong"
    /// The Wald interval of the difference of two paired accuracies (``McNemarTest``).
    case pairedWald = "paired_wald"
    /// The percentile interval of a bootstrap that resamples positives and negatives apart
    /// (``StratifiedBootstrap``).
    case stratifiedBootstrap = "stratified_bootstrap"
    /// The percentile interval of a bootstrap that resamples rows (``SpectrumBootstrap``).
    case rowBootstrap = "row_bootstrap"
  }

  enum CodingKeys: String, OrderedCodingKey {
    case lower, upper, confidence, method, resamples, seed
  }

  public init(_ interval: ConfidenceInterval, method: Method, resamples: Int? = nil, seed: UInt64? = nil) {
    (lower, upper, confidence) = (interval.lower, interval.upper, interval.confidence)
    (self.method, self.resamples, self.seed) = (method, resamples, seed)
  }

  /// The Wilson interval of the share of `true` in `correct`; `nil` when it is empty.
  public static func wilson(_ correct: [Bool]) -> IntervalJSON? {
    WilsonInterval(successes: correct.count { $0 }, trials: correct.count).map { IntervalJSON($0.interval, method: .wilson) }
  }

  /// The interval as the numerics library holds it.
  public var interval: ConfidenceInterval { ConfidenceInterval(lower: lower, upper: upper, confidence: confidence) }

  /// `95% CI 84.90%–87.90%, Wilson` when the interval is defined, `95% CI undefined, DeLong`
  /// otherwise; `format` writes each bound.
  public func text(_ format: (Double) -> String) -> String {
    let level = "\(Format.number(confidence * 100))% CI"
    guard lower.isFinite, upper.isFinite else { return "\(level) undefined, \(method.name)" }
    return "\(level) \(format(lower))–\(format(upper)), \(method.name)"
  }
}

extension IntervalJSON.Method {
  /// The method's name in text: `Wilson`, `DeLong`, `stratified bootstrap`, ….
  public var name: String {
    switch self {
    case .wilson: "Wilson"
    case .delong: "DeLong"
    case .pairedDelong: "paired DeLong"
    case .pairedWald: "paired Wald"
    case .stratifiedBootstrap: "stratified bootstrap"
    case .rowBootstrap: "row bootstrap"
    }
  }
}
