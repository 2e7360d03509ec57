// ssl-quality · ScoreComparison.swift — Q-Score against the best other label-free score, by DeLong's paired test.

import Foundation
import SSLQuality

/// Whether Q-Score ranks a probe's mistakes better or worse than the best other
/// label-free score — one computed from the representation alone (`l1`, `max_z`; not
/// `msp`, the probe's own confidence) — on the same samples, by DeLong's paired test
/// (``PairedDeLongTest``): `Δ = AUROC(Q) − AUROC(other)`, `z = Δ/√Var(Δ)`,
/// `p = erfc(|z|/√2)`. The other score is the one with the larger AUROC on those samples.
/// The reading is `better` or `worse` when `p < 1 − confidence` (5% at 95%), by the sign of
/// `Δ`, and `no_clear_difference` otherwise (also when `p` is undefined).
public struct ScoreComparison: Codable, Sendable, Equatable {
  /// The two scores' keys (`q` and the other).
  public var score: String, against: String
  /// Samples both scores are defined on.
  public var samples: Int
  @FiniteOrNull public var auroc: Double
  @FiniteOrNull public var againstAuroc: Double
  /// `auroc − against_auroc` and its paired DeLong interval.
  @FiniteOrNull public var difference: Double
  public var differenceInterval: IntervalJSON
  @FiniteOrNull public var z: Double
  @FiniteOrNull public var pValue: Double
  /// The level the p-value is read at (`1 − confidence`).
  public var level: Double
  public var reading: Reading

  /// The verdict's word.
  public enum Reading: String, Codable, Sendable, CaseIterable {
    case better, worse
    case noClearDifference = "no_clear_difference"
  }

  enum CodingKeys: String, OrderedCodingKey {
    case score, against, samples, auroc, againstAuroc = "against_auroc", difference, differenceInterval = "difference_interval"
    case z, pValue = "p_value", level, reading
  }

  /// The label-free scores Q is compared with.
  public static let candidates: [MistakeScore] = [.l1, .maxZ]

  /// Q against the better of ``candidates`` on the samples where both are defined; `nil`
  /// without Q, without a candidate, or with one class present.
  public init?(correct: [Bool], scores: [MistakeScore: [Double]], confidence: Double = 0.95) {
    guard let q = scores[.q] else { return nil }
    let tests = Self.candidates.compactMap { candidate -> (MistakeScore, PairedDeLongTest, Int)? in
      guard let other = scores[candidate] else { return nil }
      let rows = q.indices.filter { !q[$0].isNaN && !other[$0].isNaN }
      return PairedDeLongTest(first: rows.map { q[$0] }, second: rows.map { other[$0] }, positive: rows.map { correct[$0] }, confidence: confidence)
        .map { (candidate, $0, rows.count) }
    }
    guard let (other, test, samples) = tests.max(by: { $0.1.second.auroc < $1.1.second.auroc }) else { return nil }
    (score, against, self.samples) = (MistakeScore.q.key, other.key, samples)
    (auroc, againstAuroc, difference) = (test.first.auroc, test.second.auroc, test.difference)
    differenceInterval = IntervalJSON(test.interval, method: .pairedDelong)
    // 1 − 0.95 is 0.050000000000000044 in binary; the level is written as 0.05.
    (z, pValue, level) = (test.z, test.pValue, ((1 - confidence) * 1e9).rounded() / 1e9)
    reading = test.pValue < level ? (test.difference > 0 ? .better : .worse) : .noClearDifference
  }

  /// The verdict in words, with its numbers: "Q ranks mistakes worse than max_z on this
  /// encoder (AUROC 0.596 vs 0.618, difference −0.022, 95% CI −0.037 to −0.007, paired
  /// DeLong p = 0.004)".
  public var text: String {
    let numbers = [
      "AUROC \(Self.decimal(auroc)) vs \(Self.decimal(againstAuroc))",
      "difference \(Self.decimal(difference))"
        + (differenceInterval.lower.isFinite
          ? ", \(Format.number(differenceInterval.confidence * 100))% CI \(Self.decimal(differenceInterval.lower)) to \(Self.decimal(differenceInterval.upper))"
          : ""),
      "paired DeLong \(Self.pText(pValue))",
    ].joined(separator: ", ")
    let percent = Format.number(level * 100)
    return switch reading {
    case .better: "Q ranks mistakes better than \(against) on this encoder (\(numbers))"
    case .worse: "Q ranks mistakes worse than \(against) on this encoder (\(numbers))"
    case .noClearDifference: "Q and \(against) rank mistakes with no clear difference at \(percent)% on this encoder (\(numbers))"
    }
  }

  /// Three decimals, with a true minus sign.
  private static func decimal(_ value: Double) -> String {
    String(format: "%.3f", value).replacingOccurrences(of: "-", with: "−")
  }

  /// `p = 0.0042`, `p < 0.001`, or `p undefined`.
  private static func pText(_ p: Double) -> String {
    guard p.isFinite else { return "p undefined" }
    return p < 0.001 ? "p < 0.001" : "p = " + String(format: "%.2g", p)
  }
}
