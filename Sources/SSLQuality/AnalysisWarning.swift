// ssl-quality · AnalysisWarning.swift — degenerate analyses a reader must not take at face value.

/// A condition under which an analysis ran but its numbers carry little meaning. The
/// library only detects them; the command line words them with a suggested action.
///
/// - ``tinyDiscriminativeSet``: `|Dset| < 5` (e.g. a random encoder gives `|Dset| = 1`), so
///   Q rests on a handful of features.
/// - ``mostSamplesEmpty``: more than half of the samples have `L_i ∩ Dset = ∅` and score
///   `Q = 0`; Q cannot rank them against each other.
/// - ``allScoresZero``: every sample scores `Q = 0`; as a predictor Q is then a constant,
///   whose AUPRC equals the base rate and whose AUROC is 0.5, so it cannot beat chance.
/// - ``probeNearChance``: the probe's accuracy is within 5 points of chance (the share of
///   the most common label), so its mistakes say little about the representation.
/// - ``scoreNotPredictive``: Q-Score's `auprc_correct` is no more than 1 point above the
///   base rate (the probe's accuracy) or its AUROC within 0.05 of 0.5: on this data Q does
///   not predict the probe's mistakes.
public enum AnalysisWarning: Sendable, Equatable {
  case tinyDiscriminativeSet(count: Int)
  case mostSamplesEmpty(empty: Int, samples: Int)
  case allScoresZero(samples: Int)
  case probeNearChance(accuracy: Double, chance: Double)
  case scoreNotPredictive(auprcCorrect: Double, baseRate: Double, auroc: Double)

  /// `|Dset|` below this is tiny.
  public static let tinyDiscriminativeLimit = 5
  /// A share of `Q = 0` samples above this is "most".
  public static let emptyShareLimit = 0.5
  /// Accuracy within this of chance is near chance.
  public static let chanceMargin = 0.05

  /// Stable identifier (JSON `code`).
  public var code: String {
    switch self {
    case .tinyDiscriminativeSet: "tiny_dset"
    case .mostSamplesEmpty: "most_samples_empty"
    case .allScoresZero: "all_q_zero"
    case .probeNearChance: "probe_near_chance"
    case .scoreNotPredictive: "q_not_predictive"
    }
  }

  /// Warnings about `Dset` and the Q-Scores: `discriminativeCount = |Dset|`, `empty` of
  /// `samples` finite samples with `Q = 0`.
  public static func scoring(discriminativeCount: Int, empty: Int, samples: Int) -> [AnalysisWarning] {
    var warnings: [AnalysisWarning] = []
    if discriminativeCount < tinyDiscriminativeLimit { warnings.append(.tinyDiscriminativeSet(count: discriminativeCount)) }
    if samples > 0, empty == samples {
      warnings.append(.allScoresZero(samples: samples))
    } else if samples > 0, Double(empty) > emptyShareLimit * Double(samples) {
      warnings.append(.mostSamplesEmpty(empty: empty, samples: samples))
    }
    return warnings
  }

  /// A warning when `accuracy` is within ``chanceMargin`` of predicting the most common of
  /// the true labels `counts` for every sample.
  public static func probe(accuracy: Double, labels counts: ClassCounts) -> [AnalysisWarning] {
    let samples = counts.entries.reduce(0) { $0 + $1.count }
    guard samples > 0, accuracy.isFinite else { return [] }
    let chance = Double(counts.largest) / Double(samples)
    return accuracy <= chance + chanceMargin ? [.probeNearChance(accuracy: accuracy, chance: chance)] : []
  }

  /// A warning when Q-Score (`auprc_correct`, `auroc`) does no better than the base rate
  /// `accuracy` (within 1 point) or than chance ordering (AUROC within 0.05 of 0.5).
  public static func prediction(auprcCorrect: Double, auroc: Double, accuracy: Double) -> [AnalysisWarning] {
    guard auprcCorrect.isFinite, accuracy.isFinite else { return [] }
    let flat = auprcCorrect <= accuracy + 0.01 || (auroc.isFinite && abs(auroc - 0.5) <= 0.05)
    return flat ? [.scoreNotPredictive(auprcCorrect: auprcCorrect, baseRate: accuracy, auroc: auroc)] : []
  }
}
