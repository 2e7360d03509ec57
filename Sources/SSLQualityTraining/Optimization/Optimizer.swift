// ssl-quality · Optimizer.swift — the update rule shared by SGD, AdamW and LARS.

/// An update rule: given parameters and their gradients (same names), moves the
/// parameters one step at learning rate `learningRate`, keeping per-parameter state
/// (momentum buffers, moments) by name.
public protocol Optimizer<Scalar>: Sendable {
  associatedtype Scalar: TrainingScalar
  mutating func step(_ parameters: inout ParameterSet<Scalar>, gradients: ParameterSet<Scalar>, learningRate: Double)
}

extension Optimizer {
  /// Applies `update(index, parameter, gradient)` to every parameter that has a gradient.
  static func each(
    _ parameters: inout ParameterSet<Scalar>, _ gradients: ParameterSet<Scalar>,
    _ update: (_ name: String, _ parameter: inout [Scalar], _ gradient: [Scalar]) -> Void
  ) {
    for index in 0..<parameters.count {
      let name = parameters.names[index]
      guard let gradient = gradients[name] else { continue }
      var p = parameters.tensors[index]
      precondition(p.shape == gradient.shape, "\(name): gradient shape \(gradient.shape), parameter \(p.shape)")
      update(name, &p.scalars, gradient.scalars)
      parameters.set(index, p)
    }
  }

  /// The heavy-ball step SGD and LARS share, on the direction `d` of parameter `name`:
  /// `b ← d` on the first step, `b ← momentum · b + (1 − dampening) · d` later; then
  /// the direction `d + momentum · b` (Nesterov) or `b`, and finally
  /// `p ← p − lr · d`. With `momentum = 0` it is plain `p ← p − lr · d`.
  static func momentumStep(
    _ p: inout [Scalar], direction d: [Scalar], name: String, buffers: inout [String: [Scalar]],
    momentum: Double, dampening: Double, nesterov: Bool, learningRate: Double
  ) {
    var d = d
    let m = Scalar(momentum), keep = Scalar(1 - dampening), lr = Scalar(learningRate)
    if momentum != 0 {
      var b = buffers[name] ?? d
      if buffers[name] != nil { for i in b.indices { b[i] = m * b[i] + keep * d[i] } }
      buffers[name] = b
      if nesterov { for i in d.indices { d[i] += m * b[i] } } else { d = b }
    }
    for i in p.indices { p[i] -= lr * d[i] }
  }
}

/// Whether a parameter is a bias or a BatchNorm parameter (one dimension), the tensors
/// SSL recipes exclude from weight decay and from LARS's trust ratio.
public func isBiasOrNormalization<Scalar>(_ name: String, _ tensor: Tensor<Scalar>) -> Bool {
  tensor.shape.count <= 1
}
