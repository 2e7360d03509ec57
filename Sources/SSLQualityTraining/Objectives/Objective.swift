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

/// Row-wise softmax helpers shared by the cross-entropy objectives (in `Double`).
enum Softmax {
  /// `log Σ_c exp(x_c)` over the entries of `row` whose index passes `include`, and the
  /// softmax over them written to `probabilities` (0 for excluded entries).
  static func row<Scalar: TrainingScalar>(
    _ row: UnsafeBufferPointer<Scalar>, scale: Double, into probabilities: UnsafeMutableBufferPointer<Double>,
    excluding excluded: Int = -1
  ) -> Double {
    var top = -Double.infinity
    for c in row.indices where c != excluded { top = max(top, Double(row[c]) * scale) }
    var total = 0.0
    for c in row.indices {
      if c == excluded {
        probabilities[c] = 0
      } else {
        let e = Double.exp(Double(row[c]) * scale - top)
        probabilities[c] = e
        total += e
      }
    }
    for c in row.indices { probabilities[c] /= total }
    return top + Double.log(total)
  }
}
