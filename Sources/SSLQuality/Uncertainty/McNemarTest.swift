// ssl-quality · McNemarTest.swift — paired comparison of two classifiers' correctness.

import Foundation

/// McNemar's test of two classifiers judged on the same `n` samples (Q. McNemar, "Note on
/// the sampling error of the difference between correlated proportions or percentages",
/// Psychometrika 12, 1947). Only the discordant samples carry information:
/// `b` = first right and second wrong, `c` = first wrong and second right.
///
/// Default, **exact** (binomial) p-value — under H₀ each discordant sample is equally
/// likely to go either way, so `B ~ Bin(b + c, ½)`:
///
/// ```
/// p = min(1, 2·P(X ≤ min(b, c))),   X ~ Bin(b + c, ½)
/// ```
///
/// (`scipy.stats.binomtest(b, b + c, 0.5).pvalue`; 1 when `b + c = 0`), computed in log
/// space so it stays accurate for `b + c` in the millions (see ``SymmetricBinomial``).
/// Also the **chi-square with continuity correction** (Edwards 1948), `χ² = (|b − c| − 1)²/(b + c)`
/// on one degree of freedom, `p = erfc(√(χ²/2))` (statsmodels' `mcnemar(exact=False)`);
/// both NaN when `b + c = 0`.
///
/// The accuracy difference `Δ = (b − c)/n` comes with the **Wald interval for paired
/// proportions** (A. Agresti, *Categorical Data Analysis*, 3rd ed., 2013, §11.1):
///
/// ```
/// SE = √((b + c) − (b − c)²/n) / n,     Δ ± z_{1−α/2}·SE, clipped to [−1, 1]
/// ```
///
/// which, like every Wald interval, is too narrow when `b + c` is small (Newcombe's
/// hybrid score interval, Statistics in Medicine 17, 1998, is the better choice there and
/// is not implemented). `n = 0` has no test (the initialiser returns `nil`). The samples
/// are assumed independent.
public struct McNemarTest: Sendable, Equatable {
  /// Discordant counts (`b`: first right, second wrong; `c`: the reverse) and the number
  /// of samples `n`.
  public let firstOnly: Int, secondOnly: Int, samples: Int
  /// The exact two-sided p-value (the default).
  public let exactPValue: Double
  /// `(|b − c| − 1)²/(b + c)` and its p-value on one degree of freedom.
  public let chiSquare: Double, chiSquarePValue: Double
  /// `(b − c)/n`, the first classifier's accuracy minus the second's, and its Wald interval.
  public let accuracyDifference: Double
  public let interval: ConfidenceInterval

  /// From the counts. `nil` when `samples == 0`.
  /// - Precondition: `b, c ≥ 0`, `b + c ≤ samples`; `0 < confidence < 1`.
  public init?(firstOnly b: Int, secondOnly c: Int, samples n: Int, confidence: Double = 0.95) {
    precondition(b >= 0 && c >= 0 && b + c <= n, "discordant counts must be non-negative and at most the samples")
    guard n > 0 else { return nil }
    firstOnly = b
    secondOnly = c
    samples = n
    let discordant = b + c
    if discordant == 0 {
      exactPValue = 1
      (chiSquare, chiSquarePValue) = (.nan, .nan)
    } else {
      exactPValue = min(1, 2 * exp(SymmetricBinomial.logLowerTail(atMost: min(b, c), trials: discordant)))
      let excess = Double(abs(b - c)) - 1
      chiSquare = excess * excess / Double(discordant)
      chiSquarePValue = erfc((chiSquare / 2).squareRoot())
    }
    let nn = Double(n), d = Double(b - c)
    accuracyDifference = d / nn
    let standardError = max(0, Double(discordant) - d * d / nn).squareRoot() / nn
    interval = ConfidenceInterval(
      estimate: accuracyDifference, halfWidth: NormalDistribution.criticalValue(confidence: confidence) * standardError,
      clippedTo: -1...1, confidence: confidence)
  }

  /// From per-sample correctness of the two classifiers on the same samples. `nil` when
  /// there are none.
  /// - Precondition: equal lengths.
  public init?(firstCorrect: [Bool], secondCorrect: [Bool], confidence: Double = 0.95) {
    precondition(firstCorrect.count == secondCorrect.count, "the two classifiers were judged on different samples")
    var b = 0, c = 0
    for (first, second) in zip(firstCorrect, secondCorrect) where first != second {
      if first { b += 1 } else { c += 1 }
    }
    self.init(firstOnly: b, secondOnly: c, samples: firstCorrect.count, confidence: confidence)
  }
}
