// ssl-quality · ComparisonColumn.swift — the columns of a comparison and which value is best in each.

/// One column of a ``RepresentationComparison``: its JSON key, its title, whether it needs labels,
/// and which direction is better (used to mark the best row).
public struct ComparisonColumn: Sendable, Equatable, Codable {
  /// Which value of a column is best.
  public enum Preference: String, Sendable, Codable {
    case higher, lower
    /// Closest to 1 (α-ReQ: the paper finds α ≈ 1 best for downstream accuracy).
    case closestToOne = "closest_to_one"
    /// No value is better (counts that describe rather than rank).
    case none
  }

  public var key: String
  public var title: String
  public var labelFree: Bool
  public var preference: Preference
  /// Rows holding the best value (ties all marked; empty for ``Preference/none`` or no values).
  public var best: [Int] = []

  enum CodingKeys: String, CodingKey {
    case key, title, preference, best
    case labelFree = "label_free"
  }

  /// Marks the rows whose value is best among `values` (missing and NaN values never are).
  mutating func markBest(_ values: [Double?]) {
    let scored: [(Int, Double)] = values.enumerated().compactMap { index, value in
      guard let value, !value.isNaN else { return nil }
      switch preference {
      case .higher: return (index, value)
      case .lower: return (index, -value)
      case .closestToOne: return (index, -abs(value - 1))
      case .none: return nil
      }
    }
    guard let top = scored.map(\.1).max() else { return }
    best = scored.filter { $0.1 == top }.map(\.0)
  }

  /// The columns in table order.
  public static let all: [ComparisonColumn] = [
    ComparisonColumn(key: "rankme", title: "RankMe", labelFree: true, preference: .higher),
    ComparisonColumn(key: "rankme_centered", title: "RankMe (centred)", labelFree: true, preference: .higher),
    ComparisonColumn(key: "alpha", title: "α-ReQ", labelFree: true, preference: .closestToOne),
    ComparisonColumn(key: "effective_rank", title: "effective rank", labelFree: true, preference: .higher),
    ComparisonColumn(key: "collapse_std", title: "collapse std", labelFree: true, preference: .higher),
    ComparisonColumn(key: "discriminative_count", title: "|Dset|", labelFree: true, preference: .none),
    ComparisonColumn(key: "q_mean", title: "Q mean", labelFree: true, preference: .none),
    ComparisonColumn(key: "empty_share", title: "Q = 0 share", labelFree: true, preference: .lower),
    ComparisonColumn(key: "knn_accuracy", title: "kNN acc.", labelFree: false, preference: .higher),
    ComparisonColumn(key: "probe_accuracy", title: "linear acc.", labelFree: false, preference: .higher),
    ComparisonColumn(key: "q_auroc", title: "Q AUROC", labelFree: false, preference: .higher),
    ComparisonColumn(key: "q_auprc_correct", title: "Q AUPRC-correct", labelFree: false, preference: .higher),
    ComparisonColumn(key: "compressible_fraction", title: "compressible to", labelFree: false, preference: .lower),
  ]
}
