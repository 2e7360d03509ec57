// ssl-quality · EpochRecord+JSON.swift — how one epoch's figures are written as JSON and read back.

import SSLQualityFinetune

/// ``EpochRecord`` as an entry of a run's `history` in `finetune`'s JSON: its keys in the
/// order below; non-finite figures written as `null` by ``ResultJSON``.
extension EpochRecord: Codable {
  enum CodingKeys: String, OrderedCodingKey {
    case activeShare = "active_share", emptyShare = "empty_share", epoch, learningRate = "learning_rate", objective
    case qMean = "q_mean", regularizer
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      epoch: try c.decode(Int.self, forKey: .epoch), objective: try c.decode(Double.self, forKey: .objective),
      regularizer: try c.decode(Double.self, forKey: .regularizer), qMean: try c.decode(Double.self, forKey: .qMean),
      emptyShare: try c.decode(Double.self, forKey: .emptyShare), activeShare: try c.decode(Double.self, forKey: .activeShare),
      learningRate: try c.decode(Double.self, forKey: .learningRate))
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(activeShare, forKey: .activeShare)
    try c.encode(emptyShare, forKey: .emptyShare)
    try c.encode(epoch, forKey: .epoch)
    try c.encode(learningRate, forKey: .learningRate)
    try c.encode(objective, forKey: .objective)
    try c.encode(qMean, forKey: .qMean)
    try c.encode(regularizer, forKey: .regularizer)
  }
}
