// ssl-quality · Objective.swift — the value and gradients an SSL objective returns.

/// An objective's value on given inputs and its gradient with respect to each input, in
/// the order the inputs were given. Objectives are stateless values (their
/// hyper-parameters); state such as a memory bank, a momentum target or DINO's centre
/// lives with the training loop and is passed in.
public struct ObjectiveValue<Scalar: TrainingScalar>: Sendable {
  /// The loss, accumulated in `Double`.
  public var value: Double
  /// `∂value/∂input_k` for every input `k`, each shaped like its input.
  public var gradients: [Tensor<Scalar>]

  public init(value: Double, gradients: [Tensor<Scalar>]) {
    self.value = value
    self.gradients = gradients
  }
}
