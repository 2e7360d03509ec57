// ssl-quality · CollapseStop+JSON.swift — how an early stop of a fine-tuning run is written as JSON and read back.

import SSLQualityFinetune

/// ``CollapseStop`` as a run's `collapse` object in `finetune`'s JSON: its keys in the
/// order below; `reason` is the reason's raw value (`inactive`, `non_finite`).
extension CollapseStop: Codable {
  enum CodingKeys: String, OrderedCodingKey {
    case activeShare = "active_share", epoch, reason, threshold
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      epoch: try c.decode(Int.self, forKey: .epoch), reason: try c.decode(Reason.self, forKey: .reason),
      activeShare: try c.decode(Double.self, forKey: .activeShare), threshold: try c.decode(Double.self, forKey: .threshold))
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(activeShare, forKey: .activeShare)
    try c.encode(epoch, forKey: .epoch)
    try c.encode(reason, forKey: .reason)
    try c.encode(threshold, forKey: .threshold)
  }
}

extension CollapseStop.Reason: Codable {}
