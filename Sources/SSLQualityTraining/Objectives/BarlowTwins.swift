// ssl-quality · BarlowTwins.swift — the cross-correlation objective of Barlow Twins.

/// Barlow Twins, as lightly's `BarlowTwinsLoss` (λ 5e-3). Each view is batch-normalised
/// per feature without affine parameters (`x̂ = (x − x̄)/√(Var_biased + 10⁻⁵)`), then
///
/// ```
/// C = âᵀ b̂ / B,     L = Σ_i (C_ii − 1)² + λ Σ_{i≠j} C_ij²
/// ```
///
/// Gradient: `∂L/∂C = 2(C − I)` on the diagonal and `2λC` off it; `∂â = b̂ (∂L/∂C)ᵀ / B`,
/// `∂b̂ = â (∂L/∂C) / B`, then back through the normalisation (``BatchNorm1d``'s backward).
public struct BarlowTwins: Sendable {
  public var lambda: Double

  public init(lambda: Double = 5e-3) { self.lambda = lambda }

  /// Value and gradients with respect to `a` and `b` (`B × D` each, `B ≥ 2`).
  public func evaluate<Scalar>(_ a: Tensor<Scalar>, _ b: Tensor<Scalar>) -> ObjectiveValue<Scalar> {
    precondition(a.shape == b.shape && a.shape.count == 2 && a.rows > 1, "Barlow Twins needs two B × D views with B ≥ 2")
    let n = a.rows, d = a.columns
    var normA = BatchNorm1d<Scalar>(features: d, affine: false), normB = normA
    let (ha, tapeA) = normA.forward(a, training: true)
    let (hb, tapeB) = normB.forward(b, training: true)
    var c = ha.matmul(transposed: true, hb)
    var loss = 0.0
    for i in 0..<d {
      for j in 0..<d {
        let v = Double(c[i, j]) / Double(n)
        if i == j {
          loss += (v - 1) * (v - 1)
          c[i, j] = Scalar(2 * (v - 1) / Double(n))
        } else {
          loss += lambda * v * v
          c[i, j] = Scalar(2 * lambda * v / Double(n))
        }
      }
    }
    let dha = hb.matmul(c, otherTransposed: true), dhb = ha.matmul(c)
    return ObjectiveValue(
      value: loss, gradients: [normA.backward(dha, tape: tapeA).input, normB.backward(dhb, tape: tapeB).input])
  }
}
