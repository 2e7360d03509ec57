// ssl-quality · Sequential.swift — layers applied in order, named by position.

/// One of the training core's layers (a closed set, so a model stays a plain value and
/// its forward pass compiles to direct calls).
public indirect enum AnyLayer<Scalar: TrainingScalar>: Layer {
  case linear(Linear<Scalar>)
  case batchNorm(BatchNorm1d<Scalar>)
  case relu(ReLU<Scalar>)
  case gelu(GELU<Scalar>)
  case l2Normalize(L2Normalize<Scalar>)
  case weightNormLinear(WeightNormLinear<Scalar>)
  case sequential(Sequential<Scalar>)

  /// The wrapped layer.
  var layer: any Layer<Scalar> {
    switch self {
    case .linear(let l): l
    case .batchNorm(let l): l
    case .relu(let l): l
    case .gelu(let l): l
    case .l2Normalize(let l): l
    case .weightNormLinear(let l): l
    case .sequential(let l): l
    }
  }

  public var parameters: ParameterSet<Scalar> {
    get { layer.parameters }
    set { assign(newValue, toBuffers: false) }
  }

  public var buffers: ParameterSet<Scalar> {
    get { layer.buffers }
    set { assign(newValue, toBuffers: true) }
  }

  /// Sets the wrapped layer's parameters (or buffers) to `value`; layers without any
  /// ignore it (``ParameterFreeLayer``, the default ``Layer/buffers``).
  private mutating func assign(_ value: ParameterSet<Scalar>, toBuffers: Bool) {
    func assigned<L: Layer<Scalar>>(_ layer: L) -> L {
      var layer = layer
      if toBuffers { layer.buffers = value } else { layer.parameters = value }
      return layer
    }
    switch self {
    case .linear(let l): self = .linear(assigned(l))
    case .batchNorm(let l): self = .batchNorm(assigned(l))
    case .relu(let l): self = .relu(assigned(l))
    case .gelu(let l): self = .gelu(assigned(l))
    case .l2Normalize(let l): self = .l2Normalize(assigned(l))
    case .weightNormLinear(let l): self = .weightNormLinear(assigned(l))
    case .sequential(let l): self = .sequential(assigned(l))
    }
  }

  public mutating func forward(_ input: Tensor<Scalar>, training: Bool) -> (output: Tensor<Scalar>, tape: Tape<Scalar>) {
    switch self {
    case .linear(let l): return l.forward(input, training: training)
    case .batchNorm(var l):
      let result = l.forward(input, training: training)
      self = .batchNorm(l)
      return result
    case .relu(let l): return l.forward(input, training: training)
    case .gelu(let l): return l.forward(input, training: training)
    case .l2Normalize(let l): return l.forward(input, training: training)
    case .weightNormLinear(let l): return l.forward(input, training: training)
    case .sequential(var l):
      let result = l.forward(input, training: training)
      self = .sequential(l)
      return result
    }
  }

  public func backward(_ gradient: Tensor<Scalar>, tape: Tape<Scalar>) -> (input: Tensor<Scalar>, parameters: ParameterSet<Scalar>) {
    switch self {
    case .linear(let l): l.backward(gradient, tape: tape)
    case .batchNorm(let l): l.backward(gradient, tape: tape)
    case .relu(let l): l.backward(gradient, tape: tape)
    case .gelu(let l): l.backward(gradient, tape: tape)
    case .l2Normalize(let l): l.backward(gradient, tape: tape)
    case .weightNormLinear(let l): l.backward(gradient, tape: tape)
    case .sequential(let l): l.backward(gradient, tape: tape)
    }
  }
}

/// Layers applied in order, their tensors named `<position>.<name>` as in PyTorch's
/// `nn.Sequential` (`0.weight`, `1.running_mean`, …).
public struct Sequential<Scalar: TrainingScalar>: Layer {
  public var layers: [AnyLayer<Scalar>]

  public init(_ layers: [AnyLayer<Scalar>]) { self.layers = layers }

  public var parameters: ParameterSet<Scalar> {
    get { layers.indices.reduce(ParameterSet()) { $0 + layers[$1].parameters.prefixed(String($1)) } }
    set { for i in layers.indices { layers[i].parameters = newValue.scoped(String(i)) } }
  }

  public var buffers: ParameterSet<Scalar> {
    get { layers.indices.reduce(ParameterSet()) { $0 + layers[$1].buffers.prefixed(String($1)) } }
    set { for i in layers.indices { layers[i].buffers = newValue.scoped(String(i)) } }
  }

  public mutating func forward(_ input: Tensor<Scalar>, training: Bool) -> (output: Tensor<Scalar>, tape: Tape<Scalar>) {
    var x = input
    var tapes: [Tape<Scalar>] = []
    tapes.reserveCapacity(layers.count)
    for i in layers.indices {
      let (y, tape) = layers[i].forward(x, training: training)
      x = y
      tapes.append(tape)
    }
    return (x, Tape(children: tapes))
  }

  public func backward(_ gradient: Tensor<Scalar>, tape: Tape<Scalar>) -> (input: Tensor<Scalar>, parameters: ParameterSet<Scalar>) {
    var g = gradient
    var grads: [ParameterSet<Scalar>] = Array(repeating: ParameterSet(), count: layers.count)
    for i in layers.indices.reversed() {
      let (dx, dp) = layers[i].backward(g, tape: tape.children[i])
      g = dx
      grads[i] = dp.prefixed(String(i))
    }
    return (g, grads.reduce(ParameterSet(), +))
  }
}
