// ssl-quality · DiscriminativeSource.swift — which matrix Dset is fitted on, by one rule for every analysis.

/// Where `Dset` (and the activation frequencies behind it) came from. One rule for every
/// analysis (applied by ``DiscriminativeFit``): `--discriminative-from FILE` when given;
/// otherwise the train split when the analysis has one (`score --train`, `calibrate
/// --train`, `compress`, `compare` and `report` with `--train`, `finetune`'s evaluation);
/// otherwise the matrix being analysed.
public struct DiscriminativeSource: Codable, Sendable, Equatable {
  public enum Rule: String, Codable, Sendable {
    /// `--discriminative-from FILE`.
    case discriminativeFrom = "discriminative_from"
    /// The analysis's train split.
    case train
    /// The analysed matrix itself.
    case analysed
  }

  public var rule: Rule
  public var path: String
  /// Finite samples `A_j` was counted over.
  public var samples: Int

  enum CodingKeys: String, OrderedCodingKey {
    case rule, path, samples
  }

  public init(rule: Rule, path: String, samples: Int) {
    (self.rule, self.path, self.samples) = (rule, path, samples)
  }

  /// `Dset fitted on PATH (N samples; WHY)`, as summaries and the report page say it.
  public var text: String {
    let why = switch rule {
    case .discriminativeFrom: "--discriminative-from"
    case .train: "the train split"
    case .analysed: "the analysed matrix itself"
    }
    return "Dset fitted on \(path) (\(samples) samples; \(why))"
  }
}
