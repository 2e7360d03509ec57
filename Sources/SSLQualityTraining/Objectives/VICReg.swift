// ssl-quality · VICReg.swift — variance-invariance-covariance regularisation.

/// VICReg, as lightly's `VICRegLoss` (λ 25, μ 25, ν 1, ε 1e-4). For two views `a`, `b`
/// (`B × D`, `B ≥ 2`):
///
/// ```
/// inv    = 1/(B·D) · Σ_ij (a_ij − b_ij)²
/// var(x) = 1/D · Σ_j relu(1 − √(Var_j(x) + ε))          Var unbiased (÷ B − 1)
/// cov(x) = 1/D · Σ_{j≠k} C_jk(x)²,   C(x) = (x − x̄)ᵀ(x − x̄) / (B − 1)
/// L      = λ · inv + μ · (var(a) + var(b)) / 2 + ν · (cov(a) + cov(b))
/// ```
///
/// Gradients: `∂inv/∂a = 2(a − b)/(BD)`; `∂var/∂x_ij = −[s_j < 1] (x_ij − x̄_j)/(D s_j (B−1))`
/// with `s_j = √(Var_j + ε)`; `∂cov/∂x = 4 (x − x̄) C_off / (D (B − 1))`, `C_off` the
/// covariance with its diagonal zeroed.
///
/// The `D × D` covariance is never formed: with `X = x − x̄` and the `B × B` Gram matrix
/// `G = X Xᵀ`, `Σ_jk C_jk² = ‖XᵀX‖²_F / (B−1)² = ‖G‖²_F / (B−1)²` (both are `tr(XᵀX XᵀX)`)
/// and `X C_off = G X / (B−1) − X diag(C)`. Two BLAS products of `O(B² D)` replace two of
/// `O(B D²)`, which is what wide heads (`D` = 4 × the encoder's width) need.
public struct VICReg: Sendable {
  public var lambda: Double, mu: Double, nu: Double, eps: Double

  /// The paper's (and lightly's) defaults of `λ`, `μ`, `ν` and `ε`.
  public static let defaultLambda = 25.0, defaultMu = 25.0, defaultNu = 1.0, defaultEps = 1e-4

  public init(
    lambda: Double = VICReg.defaultLambda, mu: Double = VICReg.defaultMu, nu: Double = VICReg.defaultNu, eps: Double = VICReg.defaultEps
  ) {
    self.lambda = lambda
    self.mu = mu
    self.nu = nu
    self.eps = eps
  }

  /// Value and gradients with respect to `a` and `b` (`B × D` each, `B ≥ 2`).
  public func evaluate<Scalar>(_ a: Tensor<Scalar>, _ b: Tensor<Scalar>) -> ObjectiveValue<Scalar> {
    precondition(a.shape == b.shape && a.shape.count == 2 && a.rows > 1, "VICReg needs two B × D views with B ≥ 2")
    let n = a.rows, d = a.columns
    var invariance = 0.0
    var da = Tensor<Scalar>(shape: a.shape), db = da
    let invScale = 2 * lambda / Double(n * d)
    for k in 0..<(n * d) {
      let diff = Double(a.scalars[k]) - Double(b.scalars[k])
      invariance += diff * diff
      da.scalars[k] = Scalar(invScale * diff)
      db.scalars[k] = Scalar(-invScale * diff)
    }
    invariance /= Double(n * d)
    let (varA, covA) = regularizers(a, into: &da)
    let (varB, covB) = regularizers(b, into: &db)
    let value = lambda * invariance + mu * (varA + varB) / 2 + nu * (covA + covB)
    return ObjectiveValue(value: value, gradients: [da, db])
  }

  /// The variance and covariance terms of one view, adding their weighted gradients
  /// (`μ/2 · ∂var`, `ν · ∂cov`) to `gradient`.
  private func regularizers<Scalar>(_ x: Tensor<Scalar>, into gradient: inout Tensor<Scalar>) -> (variance: Double, covariance: Double) {
    let n = x.rows, d = x.columns
    let mean = x.columnSums().scalars.map { Double($0) / Double(n) }
    let centred = x.subtractingColumns(mean), squares = x.centredColumnSquares(mean: mean)
    let m = Double(n - 1)
    var variance = 0.0, diagonalSquares = 0.0
    var varianceFactor = [Double](repeating: 0, count: d), diagonal = [Double](repeating: 0, count: d)
    for j in 0..<d {
      diagonal[j] = squares[j] / m
      diagonalSquares += diagonal[j] * diagonal[j]
      let s = (diagonal[j] + eps).squareRoot()
      if 1 - s > 0 {
        variance += 1 - s
        varianceFactor[j] = -(mu / 2) / (Double(d) * s * m)
      }
    }
    variance /= Double(d)
    let gram = centred.matmul(centred, otherTransposed: true)
    let gramSquares = gram.scalars.reduce(0) { $0 + Double($1) * Double($1) }
    let covariance = (gramSquares / (m * m) - diagonalSquares) / Double(d)
    let gramCentred = gram.matmul(centred)
    let covScale = nu * 4 / (Double(d) * m)
    let c = centred.scalars, p = gramCentred.scalars
    for i in 0..<n {
      for j in 0..<d {
        let k = i * d + j
        let offDiagonal = Double(p[k]) / m - Double(c[k]) * diagonal[j]
        gradient.scalars[k] += Scalar(varianceFactor[j] * Double(c[k]) + covScale * offDiagonal)
      }
    }
    return (variance, covariance)
  }
}
