// ssl-quality · ProjectionHead.swift — lightly's projection and prediction heads.

import SSLQuality

/// A stack of blocks `Linear → [BatchNorm1d] → [non-linearity]`, lightly's
/// `ProjectionHead`, with the same state-dict names (`layers.<i>.weight`,
/// `layers.<i>.running_mean`, …) so weights move to and from PyTorch through
/// `.safetensors`. A block's Linear has a bias exactly when it has no BatchNorm (unless
/// told otherwise), as in lightly.
public struct ProjectionHead<Scalar: TrainingScalar>: Layer {
  /// One block of the head.
  public struct Block: Sendable {
    public enum Normalization: Sendable { case none, batchNorm, batchNormWithoutAffine }
    public enum Activation: Sendable { case none, relu, gelu }
    public var inputs: Int, outputs: Int
    public var normalization: Normalization, activation: Activation
    public var bias: Bool?

    public init(_ inputs: Int, _ outputs: Int, _ normalization: Normalization, _ activation: Activation, bias: Bool? = nil) {
      self.inputs = inputs
      self.outputs = outputs
      self.normalization = normalization
      self.activation = activation
      self.bias = bias
    }
  }

  public var layers: Sequential<Scalar>

  /// A head of `blocks`, Linear layers initialised as PyTorch does, from `random`.
  public init(_ blocks: [Block], random: inout SeededGenerator) {
    var layers: [AnyLayer<Scalar>] = []
    for block in blocks {
      let bias = block.bias ?? (block.normalization == .none)
      layers.append(.linear(Linear(inputs: block.inputs, outputs: block.outputs, bias: bias, random: &random)))
      switch block.normalization {
      case .none: break
      case .batchNorm: layers.append(.batchNorm(BatchNorm1d(features: block.outputs)))
      case .batchNormWithoutAffine: layers.append(.batchNorm(BatchNorm1d(features: block.outputs, affine: false)))
      }
      switch block.activation {
      case .none: break
      case .relu: layers.append(.relu(ReLU()))
      case .gelu: layers.append(.gelu(GELU()))
      }
    }
    self.layers = Sequential(layers)
  }

  public var parameters: ParameterSet<Scalar> {
    get { layers.parameters.prefixed("layers") }
    set { layers.parameters = newValue.scoped("layers") }
  }

  public var buffers: ParameterSet<Scalar> {
    get { layers.buffers.prefixed("layers") }
    set { layers.buffers = newValue.scoped("layers") }
  }

  public mutating func forward(_ input: Tensor<Scalar>, training: Bool) -> (output: Tensor<Scalar>, tape: Tape<Scalar>) {
    layers.forward(input, training: training)
  }

  public func backward(_ gradient: Tensor<Scalar>, tape: Tape<Scalar>) -> (input: Tensor<Scalar>, parameters: ParameterSet<Scalar>) {
    let (dx, dp) = layers.backward(gradient, tape: tape)
    return (dx, dp.prefixed("layers"))
  }
}

extension ProjectionHead {
  /// SimCLR: `in → hidden` (BN, ReLU), `layers − 2` × `hidden → hidden` (BN, ReLU),
  /// `hidden → out` (BN); without BatchNorm when `batchNorm` is false (defaults 2048, 2048, 128, 2).
  public static func simCLR(
    inputs: Int = 2048, hidden: Int = 2048, outputs: Int = 128, layers: Int = 2, batchNorm: Bool = true, random: inout SeededGenerator
  ) -> ProjectionHead {
    let norm: Block.Normalization = batchNorm ? .batchNorm : .none
    let middle = (0..<max(0, layers - 2)).map { _ in Block(hidden, hidden, norm, .relu) }
    return ProjectionHead([Block(inputs, hidden, norm, .relu)] + middle + [Block(hidden, outputs, norm, .none)], random: &random)
  }

  /// MoCo: as SimCLR's head with BatchNorm off by default (2048, 2048, 128, 2 layers).
  public static func moCo(
    inputs: Int = 2048, hidden: Int = 2048, outputs: Int = 128, layers: Int = 2, batchNorm: Bool = false, random: inout SeededGenerator
  ) -> ProjectionHead {
    simCLR(inputs: inputs, hidden: hidden, outputs: outputs, layers: layers, batchNorm: batchNorm, random: &random)
  }

  /// BYOL projection (2048, 4096, 256) and prediction (256, 4096, 256): `in → hidden` (BN,
  /// ReLU), `hidden → out`. SimSiam's prediction (2048, 512, 2048) and SwAV's projection
  /// (2048, 2048, 128) have the same shape.
  public static func twoLayer(inputs: Int, hidden: Int, outputs: Int, random: inout SeededGenerator) -> ProjectionHead {
    ProjectionHead([Block(inputs, hidden, .batchNorm, .relu), Block(hidden, outputs, .none, .none)], random: &random)
  }

  /// SimSiam projection (2048, 2048, 2048): two `→ hidden` blocks (BN, ReLU), then
  /// `hidden → out` with a BatchNorm without affine parameters.
  public static func simSiamProjection(inputs: Int = 2048, hidden: Int = 2048, outputs: Int = 2048, random: inout SeededGenerator) -> ProjectionHead {
    ProjectionHead(
      [Block(inputs, hidden, .batchNorm, .relu), Block(hidden, hidden, .batchNorm, .relu), Block(hidden, outputs, .batchNormWithoutAffine, .none)],
      random: &random)
  }

  /// Barlow Twins (2048, 8192, 8192) and VICReg (`layers` 3 by default, the same blocks):
  /// `layers − 1` blocks `→ hidden` (BN, ReLU), then `hidden → out`.
  public static func barlowTwins(inputs: Int = 2048, hidden: Int = 8192, outputs: Int = 8192, layers: Int = 3, random: inout SeededGenerator) -> ProjectionHead {
    let middle = (0..<max(0, layers - 2)).map { _ in Block(hidden, hidden, .batchNorm, .relu) }
    return ProjectionHead([Block(inputs, hidden, .batchNorm, .relu)] + middle + [Block(hidden, outputs, .none, .none)], random: &random)
  }
}
