// ssl-quality · Activations.swift — element-wise non-linearities.

/// `y = max(x, 0)`; `∂x = ∂y · [y > 0]`.
public struct ReLU<Scalar: TrainingScalar>: ParameterFreeLayer {
  public init() {}

  public func forward(_ input: Tensor<Scalar>, training: Bool) -> (output: Tensor<Scalar>, tape: Tape<Scalar>) {
    var y = input
    y.scalars.withUnsafeMutableBufferPointer { v in for i in v.indices where !(v[i] > 0) { v[i] = 0 } }
    return (y, Tape(saved: [y]))
  }

  public func backward(_ gradient: Tensor<Scalar>, tape: Tape<Scalar>) -> (input: Tensor<Scalar>, parameters: ParameterSet<Scalar>) {
    (Self.masked(gradient, by: tape.saved[0]), ParameterSet())
  }

  /// `gradient` where `output > 0`, 0 elsewhere.
  static func masked(_ gradient: Tensor<Scalar>, by output: Tensor<Scalar>) -> Tensor<Scalar> {
    var dx = gradient
    dx.scalars.withUnsafeMutableBufferPointer { d in
      output.scalars.withUnsafeBufferPointer { y in for i in d.indices where !(y[i] > 0) { d[i] = 0 } }
    }
    return dx
  }
}

/// The exact GELU, PyTorch's default: `y = x Φ(x) = x/2 · (1 + erf(x/√2))`;
/// `∂x = ∂y · (Φ(x) + x φ(x))`, `φ` the standard normal density.
public struct GELU<Scalar: TrainingScalar>: ParameterFreeLayer {
  public init() {}

  public func forward(_ input: Tensor<Scalar>, training: Bool) -> (output: Tensor<Scalar>, tape: Tape<Scalar>) {
    var y = input
    let r = 1 / Scalar(2).squareRoot()
    y.scalars.withUnsafeMutableBufferPointer { v in for i in v.indices { v[i] = v[i] / 2 * (1 + Scalar.erf(v[i] * r)) } }
    return (y, Tape(saved: [input]))
  }

  public func backward(_ gradient: Tensor<Scalar>, tape: Tape<Scalar>) -> (input: Tensor<Scalar>, parameters: ParameterSet<Scalar>) {
    var dx = gradient
    let r = 1 / Scalar(2).squareRoot(), density = 1 / (2 * Scalar.pi).squareRoot()
    dx.scalars.withUnsafeMutableBufferPointer { d in
      tape.saved[0].scalars.withUnsafeBufferPointer { x in
        for i in d.indices {
          let cdf = (1 + Scalar.erf(x[i] * r)) / 2
          d[i] *= cdf + x[i] * density * Scalar.exp(-x[i] * x[i] / 2)
        }
      }
    }
    return (dx, ParameterSet())
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
    let n = x.columns
    var y = x
    let rowNorms = x.rowNorms()
    y.scalars.withUnsafeMutableBufferPointer { v in
      for i in 0..<x.rows {
        let inv = Scalar(1 / max(rowNorms[i], eps))
        for j in 0..<n { v[i * n + j] *= inv }
      }
    }
    return (y, Tensor(shape: [x.rows], scalars: rowNorms.map { Scalar($0) }))
  }

  /// The gradient with respect to `x` given the gradient with respect to `y = normalize(x)`.
  public static func backward(_ gradient: Tensor<Scalar>, normalized y: Tensor<Scalar>, norms: Tensor<Scalar>, eps: Double = 1e-12) -> Tensor<Scalar> {
    let n = y.columns
    var dx = gradient
    dx.scalars.withUnsafeMutableBufferPointer { d in
      y.scalars.withUnsafeBufferPointer { v in
        for i in 0..<y.rows {
          let norm = Double(norms.scalars[i])
          if norm > eps {
            var dot = 0.0
            for j in 0..<n { dot += Double(v[i * n + j]) * Double(d[i * n + j]) }
            let inv = Scalar(1 / norm), p = Scalar(dot)
            for j in 0..<n { d[i * n + j] = (d[i * n + j] - v[i * n + j] * p) * inv }
          } else {
            let inv = Scalar(1 / eps)
            for j in 0..<n { d[i * n + j] *= inv }
          }
        }
      }
    }
    return dx
  }
}
