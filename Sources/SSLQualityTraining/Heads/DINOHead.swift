// ssl-quality · DINOHead.swift — DINO's projection head with a weight-normalised last layer.

import SSLQuality

/// lightly's `DINOProjectionHead`: `in → hidden` (GELU), `hidden → hidden` (GELU),
/// `hidden → bottleneck`, L2 normalisation, then a bias-free weight-normalised Linear
/// `bottleneck → out` whose scale `weight_g` is fixed at 1 (`norm_last_layer`). State-dict
/// names `layers.<i>.…`, `last_layer.weight_g`, `last_layer.weight_v`.
public struct DINOHead<Scalar: TrainingScalar>: Layer {
  public var layers: ProjectionHead<Scalar>
  public var lastLayer: WeightNormLinear<Scalar>

  /// Linear weights normal with standard deviation 0.02 (truncated at ±2), biases 0, as
  /// lightly initialises them (defaults 2048, 2048, 256, 65536; `batchNorm` off).
  public init(
    inputs: Int = 2048, hidden: Int = 2048, bottleneck: Int = 256, outputs: Int = 65536, batchNorm: Bool = false,
    random: inout SeededGenerator
  ) {
    let norm: ProjectionHead<Scalar>.Block.Normalization = batchNorm ? .batchNorm : .none
    layers = ProjectionHead(
      [.init(inputs, hidden, norm, .gelu), .init(hidden, hidden, norm, .gelu), .init(hidden, bottleneck, .none, .none)],
      random: &random)
    var state = layers.parameters
    for (index, name) in state.names.enumerated() {
      let shape = state.tensors[index].shape
      if name.hasSuffix(".weight") && shape.count == 2 {
        state.set(index, Tensor(shape: shape, scalars: (0..<shape.reduce(1, *)).map { _ in Scalar(max(-2, min(2, 0.02 * random.normal()))) }))
      } else if name.hasSuffix(".bias") {
        state.set(index, Tensor(shape: shape, repeating: 0))
      }
    }
    layers.parameters = state
    lastLayer = WeightNormLinear(inputs: bottleneck, outputs: outputs, frozenScale: true, random: &random)
  }

  public var parameters: ParameterSet<Scalar> {
    get { layers.parameters + lastLayer.parameters.prefixed("last_layer") }
    set {
      layers.parameters = newValue
      lastLayer.parameters = newValue.scoped("last_layer")
    }
  }

  public var buffers: ParameterSet<Scalar> {
    get { layers.buffers + lastLayer.buffers.prefixed("last_layer") }
    set {
      layers.buffers = newValue
      lastLayer.buffers = newValue.scoped("last_layer")
    }
  }

  public mutating func forward(_ input: Tensor<Scalar>, training: Bool) -> (output: Tensor<Scalar>, tape: Tape<Scalar>) {
    let (h, t0) = layers.forward(input, training: training)
    let normalize = L2Normalize<Scalar>()
    let (u, t1) = normalize.forward(h, training: training)
    let (y, t2) = lastLayer.forward(u, training: training)
    return (y, Tape(children: [t0, t1, t2]))
  }

  public func backward(_ gradient: Tensor<Scalar>, tape: Tape<Scalar>) -> (input: Tensor<Scalar>, parameters: ParameterSet<Scalar>) {
    let (du, dLast) = lastLayer.backward(gradient, tape: tape.children[2])
    let (dh, _) = L2Normalize<Scalar>().backward(du, tape: tape.children[1])
    let (dx, dLayers) = layers.backward(dh, tape: tape.children[0])
    return (dx, dLayers + dLast.prefixed("last_layer"))
  }
}

/// lightly's `SwaVPrototypes` with one set of prototypes: a Linear `in → prototypes` (with
/// bias) named `heads.0`.
public struct SwAVPrototypes<Scalar: TrainingScalar>: Layer {
  public var head: Linear<Scalar>

  public init(inputs: Int = 128, prototypes: Int = SwAV.defaultPrototypes, random: inout SeededGenerator) {
    head = Linear(inputs: inputs, outputs: prototypes, random: &random)
  }

  public var parameters: ParameterSet<Scalar> {
    get { head.parameters.prefixed("heads.0") }
    set { head.parameters = newValue.scoped("heads.0") }
  }

  public func forward(_ input: Tensor<Scalar>, training: Bool) -> (output: Tensor<Scalar>, tape: Tape<Scalar>) {
    head.forward(input, training: training)
  }

  public func backward(_ gradient: Tensor<Scalar>, tape: Tape<Scalar>) -> (input: Tensor<Scalar>, parameters: ParameterSet<Scalar>) {
    let (dx, dp) = head.backward(gradient, tape: tape)
    return (dx, dp.prefixed("heads.0"))
  }
}
