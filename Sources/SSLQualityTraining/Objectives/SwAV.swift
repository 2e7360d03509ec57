// ssl-quality · SwAV.swift — swapped prediction with Sinkhorn-Knopp codes.

/// SwAV, as lightly's `SwaVLoss` (temperature 0.1, 3 Sinkhorn iterations, ε 0.05). Inputs
/// are prototype scores (`B × K`) of `H` high-resolution crops and any number of
/// low-resolution crops. For each high-resolution crop `i`, codes `q^i` come from
/// Sinkhorn-Knopp on its scores (a constant: no gradient flows through them):
///
/// ```
/// Q = exp(s/ε)ᵀ / Σ exp(s/ε);  repeat: Q ← Q / rowsums;  Q ← Q / colsums / B;   q = (B·Q)ᵀ
/// ```
///
/// and every other crop `v` predicts them:
///
/// ```
/// ℓ(z, q) = −1/B · Σ_b Σ_k q_bk log softmax(z_b/τ)_k
/// L = 1/H · Σ_i 1/(V − 1) · Σ_{v ≠ i} ℓ(z^v, q^i)          (V = all crops)
/// ```
///
/// Gradient: `∂ℓ/∂z_b = (softmax(z_b/τ) Σ_k q_bk − q_b) / (Bτ)`.
public struct SwAV: Sendable {
  public var temperature: Double, sinkhornIterations: Int, sinkhornEpsilon: Double

  /// lightly's defaults of the temperature `τ`, the Sinkhorn-Knopp iterations and `ε`.
  public static let defaultTemperature = 0.1, defaultSinkhornIterations = 3, defaultSinkhornEpsilon = 0.05

  /// lightly's default number of prototypes (the columns of the scores; ``SwAVPrototypes``).
  public static let defaultPrototypes = 3000

  public init(
    temperature: Double = SwAV.defaultTemperature, sinkhornIterations: Int = SwAV.defaultSinkhornIterations,
    sinkhornEpsilon: Double = SwAV.defaultSinkhornEpsilon
  ) {
    self.temperature = temperature
    self.sinkhornIterations = sinkhornIterations
    self.sinkhornEpsilon = sinkhornEpsilon
  }

  /// The Sinkhorn-Knopp codes of scores `s` (`B × K`), computed in `Double`.
  public func codes<Scalar>(_ s: Tensor<Scalar>) -> [Double] {
    let b = s.rows, k = s.columns
    // Work on Q = exp(s/ε) stored B × K (the transpose of lightly's K × B); logits are
    // shifted by their maximum first, a common factor the first normalisation removes.
    let top = s.scalars.reduce(-Double.infinity) { max($0, Double($1)) }
    var q = s.scalars.map { Double.exp((Double($0) - top) / sinkhornEpsilon) }
    let total = q.reduce(0, +)
    for i in q.indices { q[i] /= total }
    for _ in 0..<sinkhornIterations {
      var prototypeSums = [Double](repeating: 0, count: k)
      for r in 0..<b { for c in 0..<k { prototypeSums[c] += q[r * k + c] } }
      for r in 0..<b { for c in 0..<k { q[r * k + c] /= prototypeSums[c] } }
      for r in 0..<b {
        var sampleSum = 0.0
        for c in 0..<k { sampleSum += q[r * k + c] }
        for c in 0..<k { q[r * k + c] /= sampleSum * Double(b) }
      }
    }
    return q.map { $0 * Double(b) }
  }

  /// Value and gradients with respect to every crop: the high-resolution crops first,
  /// then the low-resolution ones (all `B × K`, at least two crops in all).
  public func evaluate<Scalar>(high: [Tensor<Scalar>], low: [Tensor<Scalar>] = []) -> ObjectiveValue<Scalar> {
    let crops = high + low
    precondition(!high.isEmpty && crops.count >= 2, "SwAV needs a high-resolution crop and at least two crops")
    precondition(crops.allSatisfy { $0.shape == high[0].shape && $0.shape.count == 2 }, "SwAV crops must share one B × K shape")
    let b = high[0].rows, k = high[0].columns
    let weight = 1 / (Double(high.count) * Double(crops.count - 1))
    var gradients = crops.map { _ in [Double](repeating: 0, count: b * k) }
    var loss = 0.0
    let scale = 1 / temperature
    var probabilities = [Double](repeating: 0, count: k)
    for i in high.indices {
      let q = codes(high[i])
      for v in crops.indices where v != i {
        let z = crops[v].scalars
        for r in 0..<b {
          let logSum = Softmax.row(z, from: r * k, count: k, scale: scale, into: &probabilities)
          var mass = 0.0
          for c in 0..<k {
            let code = q[r * k + c]
            mass += code
            loss -= weight / Double(b) * code * (Double(z[r * k + c]) * scale - logSum)
          }
          for c in 0..<k { gradients[v][r * k + c] += weight * scale / Double(b) * (probabilities[c] * mass - q[r * k + c]) }
        }
      }
    }
    return ObjectiveValue(value: loss, gradients: gradients.map { Tensor(rows: b, columns: k, scalars: $0.map { Scalar($0) }) })
  }
}
