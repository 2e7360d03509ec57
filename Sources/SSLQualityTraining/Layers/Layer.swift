// ssl-quality · Layer.swift — what every layer of the training core provides.

/// A differentiable layer with named parameters and an explicit backward pass.
///
/// `forward` returns the output and a ``Tape`` holding what `backward` needs; `backward`
/// maps the gradient of the loss with respect to the output to the gradient with respect
/// to the input and to every parameter (same names as ``parameters``). Layers are values:
/// copying a model copies its parameters (an EMA target is just a copy).
///
/// ```swift
/// var model = Sequential<Float>([.linear(Linear(inputs: 8, outputs: 4, random: &random)), .relu(ReLU())])
/// let (y, tape) = model.forward(x, training: true)
/// let (value, gradients) = NTXent(temperature: 0.5).evaluate(y0, y1)   // an objective
/// let (_, parameterGradients) = model.backward(gradients[0], tape: tape)
/// optimizer.step(&model.parameters, gradients: parameterGradients, learningRate: 0.1)
/// ```
public protocol Layer<Scalar>: Sendable {
  associatedtype Scalar: TrainingScalar
  /// Trainable tensors under their state-dict names (e.g. `weight`, `bias`).
  var parameters: ParameterSet<Scalar> { get set }
  /// Non-trainable state saved with the model (BatchNorm's running statistics).
  var buffers: ParameterSet<Scalar> { get set }
  /// The output for `input` (`batch × features`); `training` selects batch statistics
  /// (and updates running statistics) in BatchNorm.
  mutating func forward(_ input: Tensor<Scalar>, training: Bool) -> (output: Tensor<Scalar>, tape: Tape<Scalar>)
  /// Gradients with respect to the input and to every parameter, given the gradient with
  /// respect to the output and the tape of the matching forward pass.
  func backward(_ gradient: Tensor<Scalar>, tape: Tape<Scalar>) -> (input: Tensor<Scalar>, parameters: ParameterSet<Scalar>)
}

/// A layer without trainable tensors (activations, normalisation): its ``Layer/parameters``
/// set is always empty.
public protocol ParameterFreeLayer: Layer {}

extension ParameterFreeLayer {
  public var parameters: ParameterSet<Scalar> {
    get { ParameterSet() }
    set {}
  }
}

extension Layer {
  public var buffers: ParameterSet<Scalar> {
    get { ParameterSet() }
    set {}
  }

  /// The output alone, for evaluation (`training: false` unless asked).
  public mutating func callAsFunction(_ input: Tensor<Scalar>, training: Bool = false) -> Tensor<Scalar> {
    forward(input, training: training).output
  }

  /// Parameters followed by buffers: what a `.safetensors` exchange with PyTorch holds.
  public var stateDict: ParameterSet<Scalar> { parameters + buffers }

  /// Sets every tensor of `state` that this layer has (by name); returns the names it did
  /// not recognise.
  ///
  /// - Precondition: shapes match those of the layer.
  @discardableResult
  public mutating func load(_ state: ParameterSet<Scalar>) -> [String] {
    var p = parameters, b = buffers, unknown: [String] = []
    for (name, tensor) in zip(state.names, state.tensors) {
      if let index = p.names.firstIndex(of: name) {
        p.set(index, tensor)
      } else if let index = b.names.firstIndex(of: name) {
        b.set(index, tensor)
      } else {
        unknown.append(name)
      }
    }
    parameters = p
    buffers = b
    return unknown
  }
}

/// What a forward pass keeps for its backward pass: saved tensors and the tapes of
/// nested layers.
public struct Tape<Scalar: TrainingScalar>: Sendable {
  /// Tensors saved by the layer itself.
  public var saved: [Tensor<Scalar>]
  /// Tapes of nested layers, in forward order.
  public var children: [Tape]

  public init(saved: [Tensor<Scalar>] = [], children: [Tape] = []) {
    self.saved = saved
    self.children = children
  }
}
