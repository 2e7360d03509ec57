// ssl-quality · MistakeScore.swift — the per-sample scores that predict a probe's mistakes: Q-Score and its baselines.

/// A per-sample score whose ranking predicts a probe's mistakes, in report order: the
/// Q-Score and the baselines maximum softmax probability, L1 norm and largest z-score.
/// Its key names it everywhere: in JSON results, CSV columns and figures' styles.
public enum MistakeScore: String, CaseIterable, Sendable, Hashable {
  /// Q-Score `Q_i = ‖h_i,Dset − μ_i‖₁ / ‖h_i,Dset − μ_i‖₂` over the highly-active
  /// discriminative entries.
  case q
  /// The probe's largest class probability (needs class probabilities).
  case msp
  /// `‖h_i‖₁`.
  case l1
  /// `max_j (h_ij − μ_i) / σ_i`.
  case maxZ = "max_z"

  /// The key of JSON results and the CSV column.
  public var key: String { rawValue }

  /// Its name in figures' legends.
  public var label: String {
    switch self {
    case .q: "Q-Score"
    case .msp: "max softmax (msp)"
    case .l1: "L1 norm"
    case .maxZ: "max z-score"
    }
  }
}
