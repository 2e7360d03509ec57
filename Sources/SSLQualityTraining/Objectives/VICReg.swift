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
public struct VICReg: Sendable {
  public var lambda: Double, mu: Double, nu: Double, eps: Double

  public init(lambda: Double = 25, mu: Double = 25, nu: Double = 1, eps: Double = 1e-4) {
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
    var da = [Double](repeating: 0, count: n * d), db = da
    let invScale = 2 * lambda / Double(n * d)
    for k in 0..<(n * d) {
      let diff = Double(a.scalars[k]) - Double(b.scalars[k])
      invariance += diff * diff
      da[k] = invScale * diff
      db[k] = -invScale * diff
    }
    invariance /= Double(n * d)
    let (varA, covA) = regularizers(a, into: &da)
    let (varB, covB) = regularizers(b, into: &db)
    let value = lambda * invariance + mu * (varA + varB) / 2 + nu * (covA + covB)
    return ObjectiveValue(
      value: value,
      gradients: [Tensor(shape: a.shape, scalars: da.map { Scalar($0) }), Tensor(shape: b.shape, scalars: db.map { Scalar($0) })])
  }

  /// The variance and covariance terms of one view, adding their weighted gradients
  /// (`μ/2 · ∂var`, `ν · ∂cov`) to `gradient`.
  private func regularizers<Scalar>(_ x: Tensor<Scalar>, into gradient: inout [Double]) -> (variance: Double, covariance: Double) {
    let n = x.rows, d = x.columns
    var mean = [Double](repeating: 0, count: d)
    for i in 0..<n { for j in 0..<d { mean[j] += Double(x[i, j]) } }
    for j in 0..<d { mean[j] /= Double(n) }
    var centred = [Scalar](repeating: 0, count: n * d)
    var squares = [Double](repeating: 0, count: d)
    for i in 0..<n {
      for j in 0..<d {
        let c = Double(x[i, j]) - mean[j]
        centred[i * d + j] = Scalar(c)
        squares[j] += c * c
      }
    }
    var variance = 0.0
    var varianceFactor = [Double](repeating: 0, count: d)
    for j in 0..<d {
      let s = (squares[j] / Double(n - 1) + eps).squareRoot()
      if 1 - s > 0 {
        variance += 1 - s
        varianceFactor[j] = -(mu / 2) / (Double(d) * s * Double(n - 1))
      }
    }
    variance /= Double(d)
    let xc = Tensor(rows: n, columns: d, scalars: centred)
    var cov = xc.matmul(transposed: true, xc) * Scalar(1 / Double(n - 1))
    var covariance = 0.0
    for j in 0..<d {
      for k in 0..<d where j != k {
        let v = Double(cov[j, k])
        covariance += v * v
      }
      cov[j, j] = 0
    }
    covariance /= Double(d)
    let covGradient = xc.matmul(cov)
    let covScale = nu * 4 / (Double(d) * Double(n - 1))
    for i in 0..<n {
      for j in 0..<d {
        let k = i * d + j
        gradient[k] += varianceFactor[j] * Double(centred[k]) + covScale * Double(covGradient.scalars[k])
      }
    }
    return (variance, covariance)
  }
}
