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
  /// `log Σ_c exp(scale · x_c)` over the `count` entries `x_c = values[start + c]` except
  /// `c = excluded`, and the softmax over them written to `probabilities[offset + c]`
  /// (0 for the excluded entry).
  static func row<Scalar: TrainingScalar>(
    _ values: [Scalar], from start: Int = 0, count: Int, scale: Double,
    into probabilities: inout [Double], at offset: Int = 0, excluding excluded: Int = -1
  ) -> Double {
    precondition(start + count <= values.count && offset + count <= probabilities.count, "Softmax.row: row out of range")
    var top = -Double.infinity
    for c in 0..<count where c != excluded { top = max(top, Double(values[start + c]) * scale) }
    var total = 0.0
    for c in 0..<count {
      if c == excluded {
        probabilities[offset + c] = 0
      } else {
        let e = Double.exp(Double(values[start + c]) * scale - top)
        probabilities[offset + c] = e
        total += e
      }
    }
    for c in 0..<count { probabilities[offset + c] /= total }
    return top + Double.log(total)
  }
}
