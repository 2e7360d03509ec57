// ssl-quality · LARS.swift — layer-wise adaptive rate scaling, as lightly's LARS.

/// LARS (You et al. 2017) as lightly's `LARS` optimiser defines it, per parameter tensor:
///
/// ```
/// d = ∂p
/// if wd ≠ 0 and ‖p‖ ≠ 0 and ‖∂p‖ ≠ 0:
///     d = (∂p + wd · p) · η ‖p‖ / (‖∂p‖ + wd ‖p‖ + eps)
/// b ← d (first step), b ← momentum · b + (1 − dampening) · d (later)
/// d = d + momentum · b (Nesterov) or d = b;   p ← p − lr · d
/// ```
///
/// Trust coefficient `η` 0.001, eps 1e-8. Tensors for which `excluded(name, tensor)` holds
/// (by default biases and BatchNorm parameters, the usual SSL practice) get neither weight
/// decay nor the trust ratio, as with lightly's `weight_decay = 0` parameter group.
public struct LARS<Scalar: TrainingScalar>: Optimizer {
  public var momentum: Double, dampening: Double, weightDecay: Double, nesterov: Bool
  public var trustCoefficient: Double, eps: Double
  public var excluded: @Sendable (String, Tensor<Scalar>) -> Bool
  /// Momentum buffers by parameter name.
  public var buffers: [String: [Scalar]] = [:]

  public init(
    momentum: Double = 0.9, dampening: Double = 0, weightDecay: Double = 1e-6, nesterov: Bool = false,
    trustCoefficient: Double = 0.001, eps: Double = 1e-8,
    excluded: @escaping @Sendable (String, Tensor<Scalar>) -> Bool = isBiasOrNormalization
  ) {
    self.momentum = momentum
    self.dampening = dampening
    self.weightDecay = weightDecay
    self.nesterov = nesterov
    self.trustCoefficient = trustCoefficient
    self.eps = eps
    self.excluded = excluded
  }

  public mutating func step(_ parameters: inout ParameterSet<Scalar>, gradients: ParameterSet<Scalar>, learningRate: Double) {
    var buffers = self.buffers
    let shapes = Dictionary(uniqueKeysWithValues: zip(parameters.names, parameters.tensors))
    let momentum = self.momentum, dampening = self.dampening, nesterov = self.nesterov, excluded = self.excluded
    let weightDecay = self.weightDecay, trust = trustCoefficient, eps = self.eps
    Self.each(&parameters, gradients) { name, p, g in
      var d = g
      let wd = excluded(name, shapes[name]!) ? 0 : weightDecay
      if wd != 0 {
        let pNorm = p.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
        let gNorm = g.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
        if pNorm != 0 && gNorm != 0 {
          let ratio = Scalar(trust * pNorm / (gNorm + pNorm * wd + eps)), w = Scalar(wd)
          for i in d.indices { d[i] = (d[i] + w * p[i]) * ratio }
        }
      }
      Self.momentumStep(
        &p, direction: d, name: name, buffers: &buffers, momentum: momentum, dampening: dampening, nesterov: nesterov,
        learningRate: learningRate)
    }
    self.buffers = buffers
  }
}
