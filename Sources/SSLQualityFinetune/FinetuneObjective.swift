// ssl-quality · FinetuneObjective.swift — the SSL methods fine-tuning can train with, and their heads.

import SSLQuality
import SSLQualityTraining

/// An SSL method's machinery as fine-tuning uses it on adapted features: its heads, its
/// views and the loss it trains with (``loss``, one of the losses `objective` evaluates,
/// ``ObjectiveKind``, always at that loss's defaults — ``NTXent/defaultTemperature``,
/// ``VICReg/defaultLambda`` … — except DINO's, which `--teacher-temperature` and its
/// siblings set). Every run adds the Q-Score regulariser (`qreg`) to the loss.
///
/// | method | head(s) (lightly's, widths scaled to D) | loss (``loss``) |
/// | --- | --- | --- |
/// | `simclr` | projection D → D → 128 (BN after both layers, ReLU between) | `ntxent` (``NTXent``) |
/// | `moco` | MoCo projection D → D → 128 (no BN); momentum target of adapter + projection; a queue of the target's keys | `ntxent` against the queue (``NTXentMemoryBank``), query view 1, key view 2 |
/// | `byol` | projection D → 2D → 256, prediction 256 → 2D → 256; momentum target of adapter + projection | `negative-cosine` (``NegativeCosine``), both directions, halved |
/// | `simsiam` | projection D → D → D → D (BN on every layer, the last without affine), prediction D → D/4 → D | `negative-cosine` against the stop-gradient projection, both directions, halved |
/// | `vicreg` | Barlow Twins projection D → 4D → 4D → 4D | `vicreg` (``VICReg``) |
/// | `barlowtwins` | Barlow Twins projection D → 4D → 4D → 4D | `barlowtwins` (``BarlowTwins``) |
/// | `swav` | projection D → D → 128, L2 normalisation, ``SwAV/defaultPrototypes`` prototypes (rows normalised before every step) | `swav` (``SwAV``) |
/// | `dino` | DINO head D → D → D → D/8, L2 normalisation, weight-normalised D/8 → 2048; momentum teacher of adapter + head | `dino` (``DINO``) |
///
/// Hidden widths are lightly's defaults for a 2048-wide backbone scaled by D/2048
/// (SimCLR's, MoCo's, SwAV's and DINO's 2048 hidden units become D, BYOL's 4096 become 2D,
/// Barlow Twins' 8192 become 4D, DINO's 256-wide bottleneck D/8); output widths are
/// lightly's (128, 256) except where lightly ties them to the hidden width, and DINO's
/// 2048 outputs are those of lightly's DINO example for a ResNet-18 (its default 65 536 is
/// meant for vision transformers). `--head-hidden`/`--head-output` override them.
///
/// Views: `swav` and `dino` are multi-crop methods and take two or more views, the first
/// two being the global (high-resolution) crops — SwAV computes codes from them, DINO's
/// teacher sees only them, and every view goes through the student; the others take
/// exactly two.
public enum FinetuneObjective: String, Sendable, Codable, CaseIterable {
  case simclr, moco, byol, simsiam, vicreg, barlowtwins, swav, dino

  /// The projection head's hidden and output widths for `features` input features (for
  /// DINO the output is the width of the weight-normalised last layer).
  public func defaultHeadSizes(features d: Int) -> (hidden: Int, output: Int) {
    switch self {
    case .simclr, .moco, .swav: (d, 128)
    case .byol: (2 * d, 256)
    case .simsiam: (d, d)
    case .vicreg, .barlowtwins: (4 * d, 4 * d)
    case .dino: (d, 2048)
    }
  }

  /// MoCo's default queue of negatives, in rows (lightly's example).
  public static let defaultMemoryBankSize = 4096

  /// DINO's bottleneck width for `features` input features (lightly's 256 for 2048).
  public static func defaultBottleneck(features d: Int) -> Int { max(1, d / 8) }

  /// The heads of the method, drawn from `random` in the order projection, prediction,
  /// last layer, prototypes.
  public func heads(features d: Int, hidden: Int, output: Int, bottleneck: Int, prototypes: Int, random: inout SeededGenerator)
    -> FinetuneHeads
  {
    switch self {
    case .simclr: FinetuneHeads(projection: .simCLR(inputs: d, hidden: hidden, outputs: output, random: &random))
    case .moco: FinetuneHeads(projection: .moCo(inputs: d, hidden: hidden, outputs: output, random: &random))
    case .vicreg, .barlowtwins: FinetuneHeads(projection: .barlowTwins(inputs: d, hidden: hidden, outputs: output, random: &random))
    case .byol:
      FinetuneHeads(
        projection: .twoLayer(inputs: d, hidden: hidden, outputs: output, random: &random),
        prediction: .twoLayer(inputs: output, hidden: hidden, outputs: output, random: &random))
    case .simsiam:
      FinetuneHeads(
        projection: .simSiamProjection(inputs: d, hidden: hidden, outputs: output, random: &random),
        prediction: .twoLayer(inputs: output, hidden: max(1, output / 4), outputs: output, random: &random))
    case .swav:
      FinetuneHeads(
        projection: .twoLayer(inputs: d, hidden: hidden, outputs: output, random: &random),
        prototypes: SwAVPrototypes(inputs: output, prototypes: prototypes, random: &random))
    case .dino:
      {
        let head = DINOHead<Float>(inputs: d, hidden: hidden, bottleneck: bottleneck, outputs: output, random: &random)
        return FinetuneHeads(projection: head.layers, lastLayer: head.lastLayer)
      }()
    }
  }

  /// The loss the method trains with, as `objective` names it (see the table above).
  public var loss: ObjectiveKind {
    switch self {
    case .simclr, .moco: .ntxent
    case .byol, .simsiam: .negativeCosine
    case .vicreg: .vicreg
    case .barlowtwins: .barlowtwins
    case .swav: .swav
    case .dino: .dino
    }
  }

  /// Whether the method trains against a momentum (EMA) copy of the adapter and head.
  public var usesMomentumTarget: Bool { [.moco, .byol, .dino].contains(self) }

  /// Whether the method takes more than two views (multi-crop; the first two are global).
  public var isMultiCrop: Bool { self == .swav || self == .dino }
}

/// The heads of one method: the projection, and where the method has them a prediction
/// head (BYOL, SimSiam), a weight-normalised last layer after an L2 normalisation (DINO,
/// part of lightly's DINO head as `last_layer`) or prototypes after an L2 normalisation
/// (SwAV).
public struct FinetuneHeads: Sendable {
  public var projection: ProjectionHead<Float>
  public var prediction: ProjectionHead<Float>?
  public var lastLayer: WeightNormLinear<Float>?
  public var prototypes: SwAVPrototypes<Float>?

  public init(
    projection: ProjectionHead<Float>, prediction: ProjectionHead<Float>? = nil, lastLayer: WeightNormLinear<Float>? = nil,
    prototypes: SwAVPrototypes<Float>? = nil
  ) {
    self.projection = projection
    self.prediction = prediction
    self.lastLayer = lastLayer
    self.prototypes = prototypes
  }
}

extension FinetuneHeads {
  /// The heads' tensors (parameters and buffers) under lightly's names, as
  /// `head.safetensors` holds them.
  public var state: ParameterSet<Float> {
    projection.stateDict.prefixed("projection_head") + (lastLayer?.stateDict.prefixed("projection_head.last_layer") ?? ParameterSet())
      + (prediction?.stateDict.prefixed("prediction_head") ?? ParameterSet())
      + (prototypes?.stateDict.prefixed("prototypes") ?? ParameterSet())
  }

  /// The heads' BatchNorm batch counters under their state-dict names.
  public var batchesTracked: [(name: String, count: Int)] {
    projection.batchesTracked.map { ("projection_head.\($0.name)", $0.count) }
      + (prediction?.batchesTracked.map { ("prediction_head.\($0.name)", $0.count) } ?? [])
  }
}
