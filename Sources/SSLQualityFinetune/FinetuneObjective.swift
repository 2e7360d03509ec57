// ssl-quality · FinetuneObjective.swift — the SSL methods fine-tuning can train with, and their heads.

import SSLQualityTraining

/// An SSL method's objective and machinery as fine-tuning uses it on adapted features.
///
/// | method | head(s) (lightly's, widths scaled to D) | objective |
/// | --- | --- | --- |
/// | `simclr` | projection D → D → 128 (BN after both layers, ReLU between) | NT-Xent, temperature 0.5 |
/// | `byol` | projection D → 2D → 256, prediction 256 → 2D → 256; momentum target of adapter + projection | negative cosine, both directions, halved |
/// | `simsiam` | projection D → D → D → D (BN on every layer, the last without affine), prediction D → D/4 → D | negative cosine against the stop-gradient projection, both directions, halved |
/// | `vicreg` | Barlow Twins projection D → 4D → 4D → 4D | VICReg (25, 25, 1) |
/// | `barlowtwins` | Barlow Twins projection D → 4D → 4D → 4D | Barlow Twins (λ 5·10⁻³) |
///
/// Hidden widths are lightly's defaults for a 2048-wide backbone scaled by D/2048
/// (SimCLR's 2048 hidden units become D, BYOL's 4096 become 2D, Barlow Twins' 8192 become
/// 4D); output widths are lightly's (128, 256) except where lightly ties them to the
/// hidden width. `--head-hidden`/`--head-output` override both.
public enum FinetuneObjective: String, Sendable, Codable, CaseIterable {
  case simclr, byol, simsiam, vicreg, barlowtwins

  /// The projection head's hidden and output widths for `features` input features.
  public func defaultHeadSizes(features d: Int) -> (hidden: Int, output: Int) {
    switch self {
    case .simclr: (d, 128)
    case .byol: (2 * d, 256)
    case .simsiam: (d, d)
    case .vicreg, .barlowtwins: (4 * d, 4 * d)
    }
  }

  /// The projection head and (BYOL, SimSiam) the prediction head, drawn from `random` in
  /// that order.
  public func heads(features d: Int, hidden: Int, output: Int, random: inout RandomSource)
    -> (projection: ProjectionHead<Float>, prediction: ProjectionHead<Float>?)
  {
    switch self {
    case .simclr: (.simCLR(inputs: d, hidden: hidden, outputs: output, random: &random), nil)
    case .vicreg, .barlowtwins: (.barlowTwins(inputs: d, hidden: hidden, outputs: output, random: &random), nil)
    case .byol:
      (
        .twoLayer(inputs: d, hidden: hidden, outputs: output, random: &random),
        .twoLayer(inputs: output, hidden: hidden, outputs: output, random: &random)
      )
    case .simsiam:
      (
        .simSiamProjection(inputs: d, hidden: hidden, outputs: output, random: &random),
        .twoLayer(inputs: output, hidden: max(1, output / 4), outputs: output, random: &random)
      )
    }
  }

  /// Whether the method trains against a momentum (EMA) copy of the adapter and projection.
  public var usesMomentumTarget: Bool { self == .byol }

  /// Number of views the method takes.
  public var views: Int { 2 }
}
