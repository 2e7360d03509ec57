// ssl-quality · Linear.swift — y = x Wᵀ + b through BLAS.

import SSLQuality

/// A fully connected layer `y = x Wᵀ + b` with `W` stored `[out, in]` as in PyTorch
/// (`weight`, `bias`).
///
/// Backward: `∂x = ∂y W` and `∂W = ∂yᵀ x` (two BLAS products), `∂b = Σ_rows ∂y`.
public struct Linear<Scalar: TrainingScalar>: Layer {
  public var weight: Tensor<Scalar>
  public var bias: Tensor<Scalar>?

  /// A layer with PyTorch's default initialisation: weight and bias uniform in
  /// `±1/√inputs`.
  public init(inputs: Int, outputs: Int, bias: Bool = true, random: inout SeededGenerator) {
    let bound = 1 / Double(inputs).squareRoot()
    weight = random.uniformTensor(shape: [outputs, inputs], bound: bound)
    self.bias = bias ? random.uniformTensor(shape: [outputs], bound: bound) : nil
  }

  /// A layer with the given weight `[out, in]` and optional bias `[out]`.
  public init(weight: Tensor<Scalar>, bias: Tensor<Scalar>?) {
    precondition(weight.shape.count == 2, "Linear weight must be [out, in]")
    precondition(bias == nil || bias!.shape == [weight.rows], "Linear bias must be [out]")
    self.weight = weight
    self.bias = bias
  }

  public var inputs: Int { weight.columns }
  public var outputs: Int { weight.rows }

  public var parameters: ParameterSet<Scalar> {
    get { ParameterSet([("weight", weight)] + (bias.map { [("bias", $0)] } ?? [])) }
    set {
      weight = newValue["weight"]!
      if bias != nil { bias = newValue["bias"]! }
    }
  }

  public func forward(_ input: Tensor<Scalar>, training: Bool) -> (output: Tensor<Scalar>, tape: Tape<Scalar>) {
    precondition(input.columns == inputs, "Linear: input has \(input.columns) features, expected \(inputs)")
    var y = input.matmul(weight, otherTransposed: true)
    if let bias { y.addToEveryRow(bias) }
    return (y, Tape(saved: [input]))
  }

  public func backward(_ gradient: Tensor<Scalar>, tape: Tape<Scalar>) -> (input: Tensor<Scalar>, parameters: ParameterSet<Scalar>) {
    (gradient.matmul(weight), parameterGradients(gradient, tape: tape))
  }

  /// The parameter gradients alone (for a first layer, whose input needs no gradient).
  public func parameterGradients(_ gradient: Tensor<Scalar>, tape: Tape<Scalar>) -> ParameterSet<Scalar> {
    var grads = ParameterSet([("weight", gradient.matmul(transposed: true, tape.saved[0]))])
    if bias != nil { grads["bias"] = gradient.columnSums() }
    return grads
  }
}
