// ssl-quality · Activations.swift — element-wise non-linearities.

/// `y = max(x, 0)`; `∂x = ∂y · [y > 0]`.
public struct ReLU<Scalar: TrainingScalar>: ParameterFreeLayer {
  public init() {}

  public func forward(_ input: Tensor<Scalar>, training: Bool) -> (output: Tensor<Scalar>, tape: Tape<Scalar>) {
    var y = input
    y.zeroNonPositive()
    return (y, Tape(saved: [y]))
  }

  public func backward(_ gradient: Tensor<Scalar>, tape: Tape<Scalar>) -> (input: Tensor<Scalar>, parameters: ParameterSet<Scalar>) {
    (Self.masked(gradient, by: tape.saved[0]), ParameterSet())
  }

  /// `gradient` where `output > 0`, 0 elsewhere.
  static func masked(_ gradient: Tensor<Scalar>, by output: Tensor<Scalar>) -> Tensor<Scalar> {
    var dx = gradient
    dx.zero(whereNotPositive: output)
    return dx
  }
}

/// The exact GELU, PyTorch's default: `y = x Φ(x) = x/2 · (1 + erf(x/√2))`;
/// `∂x = ∂y · (Φ(x) + x φ(x))`, `φ` the standard normal density.
public struct GELU<Scalar: TrainingScalar>: ParameterFreeLayer {
  public init() {}

  public func forward(_ input: Tensor<Scalar>, training: Bool) -> (output: Tensor<Scalar>, tape: Tape<Scalar>) {
    let r = 1 / Scalar(2).squareRoot()
    let y = Tensor(shape: input.shape, scalars: input.scalars.map { $0 / 2 * (1 + Scalar.erf($0 * r)) })
    return (y, Tape(saved: [input]))
  }

  public func backward(_ gradient: Tensor<Scalar>, tape: Tape<Scalar>) -> (input: Tensor<Scalar>, parameters: ParameterSet<Scalar>) {
    let r = 1 / Scalar(2).squareRoot(), density = 1 / (2 * Scalar.pi).squareRoot()
    let x = tape.saved[0].scalars
    precondition(x.count == gradient.count, "GELU: gradient and input sizes differ")
    let dx = zip(gradient.scalars, x).map { d, x in
      let cdf = (1 + Scalar.erf(x * r)) / 2
      return d * (cdf + x * density * Scalar.exp(-x * x / 2))
    }
    return (Tensor(shape: gradient.shape, scalars: dx), ParameterSet())
  }
}

/// Row-wise L2 normalisation, `y = x / max(‖x‖₂, eps)` (PyTorch's `normalize`, eps 1e-12);
/// `∂x = (∂y − y (y·∂y)) / ‖x‖` where `‖x‖ > eps`, `∂y / eps` otherwise.
public struct L2Normalize<Scalar: TrainingScalar>: ParameterFreeLayer {
  public let eps: Double
  public init(eps: Double = 1e-12) { self.eps = eps }

  public func forward(_ input: Tensor<Scalar>, training: Bool) -> (output: Tensor<Scalar>, tape: Tape<Scalar>) {
    let (y, norms) = Self.normalize(input, eps: eps)
    return (y, Tape(saved: [y, norms]))
  }

  public func backward(_ gradient: Tensor<Scalar>, tape: Tape<Scalar>) -> (input: Tensor<Scalar>, parameters: ParameterSet<Scalar>) {
    (Self.backward(gradient, normalized: tape.saved[0], norms: tape.saved[1], eps: eps), ParameterSet())
  }

  /// The rows of `x` divided by `max(‖row‖, eps)`, and the row norms `‖row‖` (in `Double`).
  public static func normalize(_ x: Tensor<Scalar>, eps: Double = 1e-12) -> (Tensor<Scalar>, norms: Tensor<Scalar>) {
    var y = x
    let rowNorms = x.rowNorms()
    y.multiplyRows(by: rowNorms.map { Scalar(1 / max($0, eps)) })
    return (y, Tensor(shape: [x.rows], scalars: rowNorms.map { Scalar($0) }))
  }

  /// The gradient with respect to `x` given the gradient with respect to `y = normalize(x)`.
  public static func backward(_ gradient: Tensor<Scalar>, normalized y: Tensor<Scalar>, norms: Tensor<Scalar>, eps: Double = 1e-12) -> Tensor<Scalar> {
    var dx = gradient
    for i in 0..<y.rows {
      let norm = Double(norms.scalars[i])
      if norm > eps {
        dx.removeRowProjection(i, onto: y, thenMultiplyBy: Scalar(1 / norm))
      } else {
        dx.multiplyRow(i, by: Scalar(1 / eps))
      }
    }
    return dx
  }
}
