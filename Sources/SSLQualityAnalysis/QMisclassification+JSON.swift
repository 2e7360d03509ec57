// ssl-quality · QMisclassification+JSON.swift — a calibration row's misclassification metrics as JSON.

import SSLQuality

/// ``QMisclassification`` as `calibrate` writes it: `{"accuracy", "scores": {"q": {…}}}`,
/// keys sorted.
extension QMisclassification: Codable {
  enum CodingKeys: String, OrderedCodingKey {
    case accuracy, scores
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    try self.init(accuracy: c.decode(Double.self, forKey: .accuracy), scores: c.decode(Scores.self, forKey: .scores))
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(accuracy, forKey: .accuracy)
    try c.encode(scores, forKey: .scores)
  }
}

/// The metrics by score: only `q`.
extension QMisclassification.Scores: Codable {
  enum CodingKeys: String, OrderedCodingKey {
    case q
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    try self.init(q: c.decode(QMisclassification.Metrics.self, forKey: .q))
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(q, forKey: .q)
  }
}

/// AUPRC-correct, AUPRC-misclassified and AUROC under `score`'s key names, sorted.
extension QMisclassification.Metrics: Codable {
  enum CodingKeys: String, OrderedCodingKey {
    case auprcCorrect = "auprc_correct", auprcMisclassified = "auprc_misclassified", auroc
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    try self.init(
      auprcCorrect: c.decode(Double.self, forKey: .auprcCorrect), auprcMisclassified: c.decode(Double.self, forKey: .auprcMisclassified),
      auroc: c.decode(Double.self, forKey: .auroc))
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(auprcCorrect, forKey: .auprcCorrect)
    try c.encode(auprcMisclassified, forKey: .auprcMisclassified)
    try c.encode(auroc, forKey: .auroc)
  }
}
