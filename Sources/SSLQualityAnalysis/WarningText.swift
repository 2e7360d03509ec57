// ssl-quality · WarningText.swift — analysis warnings in words, with what to do about them.

import SSLQuality

extension AnalysisWarning {
  /// What is wrong, in one sentence.
  public var message: String {
    switch self {
    case .tinyDiscriminativeSet(let count):
      "only \(count) discriminative feature\(count == 1 ? "" : "s") (|Dset| = \(count)): Q-Score and the discriminative ranking rest on almost nothing (a random or collapsed encoder, or features that are not post-ReLU, look like this)"
    case .mostSamplesEmpty(let empty, let samples):
      "\(empty) of \(samples) samples (\(Format.percent(Double(empty) / Double(samples)))) have no highly-active discriminative feature (Q = 0), so Q cannot rank them"
    case .allScoresZero(let samples):
      "every one of the \(samples) samples has Q = 0: Q is a constant and cannot beat chance (its AUPRC is the base rate, its AUROC 0.5)"
    case .probeNearChance(let accuracy, let chance):
      "the probe's accuracy \(Format.percent(accuracy)) is within \(Format.number(AnalysisWarning.chanceMargin * 100)) points of chance (\(Format.percent(chance)), always predicting the most common label): its mistakes say little about the representation"
    case .scoreNotPredictive(let auprc, let base, let auroc):
      "Q-Score barely predicts this probe's mistakes: AUPRC-correct \(Format.percent(auprc)) against a base rate of \(Format.percent(base)), AUROC \(Format.percent(auroc))"
    }
  }

  /// The action to try.
  public var suggestion: String {
    switch self {
    case .tinyDiscriminativeSet:
      "check that the features are the encoder's pre-logits output of a trained model; try a smaller --epsilon (e.g. 2) or a wider --band"
    case .mostSamplesEmpty, .allScoresZero:
      "dense features rarely exceed μ + ε σ: try a smaller --epsilon (e.g. 2 or 3), or fit Dset on more samples with --discriminative-from"
    case .probeNearChance:
      "check that labels, predictions and embeddings are in the same row order; train the probe longer or on more samples"
    case .scoreNotPredictive:
      "compare with the baselines above; on dense features try a smaller --epsilon, and fit Dset on the train split (--train or --discriminative-from)"
    }
  }

  /// The warning as results report it.
  public var reported: ReportedWarning { ReportedWarning(code: code, message: message, suggestion: suggestion) }
}

/// A warning in a result's `warnings` list: its stable code, what is wrong and what to try.
public struct ReportedWarning: Codable, Sendable, Equatable {
  public var code: String
  public var message: String
  public var suggestion: String

  enum CodingKeys: String, OrderedCodingKey {
    case code, message, suggestion
  }

  public init(code: String, message: String, suggestion: String) {
    (self.code, self.message, self.suggestion) = (code, message, suggestion)
  }

  /// The warning as a summary line.
  public var line: String { "  warning: \(message); \(suggestion)" }
}
