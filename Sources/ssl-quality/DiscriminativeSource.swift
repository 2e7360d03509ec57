// ssl-quality · DiscriminativeSource.swift — which matrix Dset is fitted on, by one rule for every command.

import SSLQualityIO

/// Where `Dset` (and the activation frequencies behind it) came from. One rule for every
/// command: `--discriminative-from FILE` when given; otherwise the train split when the
/// command has one (`score --train`, `compress`); otherwise the matrix being analysed.
struct DiscriminativeSource {
  enum Rule: String {
    /// `--discriminative-from FILE`.
    case discriminativeFrom = "discriminative_from"
    /// The command's train split.
    case train
    /// The analysed matrix itself.
    case analysed
  }

  var rule: Rule
  var path: String
  /// Finite samples `A_j` was counted over.
  var samples: Int

  /// The rule applied to a command's flags.
  static func rule(discriminativeFrom: String?, train: String?) -> Rule {
    discriminativeFrom != nil ? .discriminativeFrom : train != nil ? .train : .analysed
  }

  var json: JSONValue {
    .object([("rule", .string(rule.rawValue)), ("path", .string(path)), ("samples", .integer(samples))])
  }

  /// `Dset fitted on PATH (N samples; WHY)`.
  var text: String {
    let why = switch rule {
    case .discriminativeFrom: "--discriminative-from"
    case .train: "the train split"
    case .analysed: "the analysed matrix itself"
    }
    return "Dset fitted on \(path) (\(samples) samples; \(why))"
  }
}
