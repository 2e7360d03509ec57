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
}

/// Whether a parameter is a bias or a BatchNorm parameter (one dimension), the tensors
/// SSL recipes exclude from weight decay and from LARS's trust ratio.
public func isBiasOrNormalization<Scalar>(_ name: String, _ tensor: Tensor<Scalar>) -> Bool {
  tensor.shape.count <= 1
}
