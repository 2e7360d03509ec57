// ssl-quality · CalibrateResult.swift — `calibrate`'s JSON document: the calibration and where Dset came from.

import SSLQuality

/// The result of ``CalibrateAnalysis`` (the `calibrate --json` document): the keys of
/// ``EpsilonCalibration`` followed by `dset_source`, where every ε's `Dset` was fitted
/// (by the one rule of ``DiscriminativeSource``).
public struct CalibrateResult: Codable, Sendable, Equatable {
  public var calibration: EpsilonCalibration
  public var dsetSource: DiscriminativeSource

  /// After the calibration's keys in a flattened object.
  enum CodingKeys: String, OrderedCodingKey {
    case dsetSource = "dset_source"
    static var firstPosition: Int { 20 }
  }

  public init(calibration: EpsilonCalibration, dsetSource: DiscriminativeSource) {
    (self.calibration, self.dsetSource) = (calibration, dsetSource)
  }

  public init(from decoder: any Decoder) throws {
    calibration = try EpsilonCalibration(from: decoder)
    dsetSource = try decoder.container(keyedBy: CodingKeys.self).decode(DiscriminativeSource.self, forKey: .dsetSource)
  }

  public func encode(to encoder: any Encoder) throws {
    try calibration.encode(to: encoder)
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(dsetSource, forKey: .dsetSource)
  }
}
