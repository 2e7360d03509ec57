// ssl-quality · SGD.swift — stochastic gradient descent with momentum, as PyTorch's SGD.

/// PyTorch's `SGD`:
///
/// ```
/// d = ∂p + wd · p
/// b ← d (first step), b ← momentum · b + (1 − dampening) · d (later)
/// d = d + momentum · b (Nesterov) or d = b
/// p ← p − lr · d
/// ```
public struct SGD<Scalar: TrainingScalar>: Optimizer {
  public var momentum: Double, dampening: Double, weightDecay: Double, nesterov: Bool
  /// Momentum buffers by parameter name.
  public var buffers: [String: [Scalar]] = [:]

  public init(momentum: Double = 0, dampening: Double = 0, weightDecay: Double = 0, nesterov: Bool = false) {
    precondition(!nesterov || (momentum > 0 && dampening == 0), "Nesterov momentum needs momentum > 0 and no dampening")
    self.momentum = momentum
    self.dampening = dampening
    self.weightDecay = weightDecay
    self.nesterov = nesterov
  }

  public mutating func step(_ parameters: inout ParameterSet<Scalar>, gradients: ParameterSet<Scalar>, learningRate: Double) {
    let wd = Scalar(weightDecay)
    var buffers = self.buffers
    let momentum = self.momentum, dampening = self.dampening, nesterov = self.nesterov
    Self.each(&parameters, gradients) { name, p, g in
      var d = g
      for i in d.indices { d[i] += wd * p[i] }
      Self.momentumStep(
        &p, direction: d, name: name, buffers: &buffers, momentum: momentum, dampening: dampening, nesterov: nesterov,
        learningRate: learningRate)
    }
    self.buffers = buffers
  }
}
