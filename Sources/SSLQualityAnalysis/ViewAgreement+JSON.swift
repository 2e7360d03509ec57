// ssl-quality · ViewAgreement+JSON.swift — how two views' agreement is written as JSON and read back.

import SSLQuality

/// ``ViewAgreement`` as the `views` object of `spectrum`'s JSON: its keys in the order
/// below; NaN (fewer than two rows) written as `null` by ``ResultJSON``.
extension ViewAgreement: Codable {
  enum CodingKeys: String, OrderedCodingKey {
    case alignment, uniformity, uniformityA = "uniformity_a", uniformityB = "uniformity_b"
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      alignment: try c.decode(Double.self, forKey: .alignment), uniformityA: try c.decode(Double.self, forKey: .uniformityA),
      uniformityB: try c.decode(Double.self, forKey: .uniformityB), uniformity: try c.decode(Double.self, forKey: .uniformity))
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(alignment, forKey: .alignment)
    try c.encode(uniformity, forKey: .uniformity)
    try c.encode(uniformityA, forKey: .uniformityA)
    try c.encode(uniformityB, forKey: .uniformityB)
  }
}
