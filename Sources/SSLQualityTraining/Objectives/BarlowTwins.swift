// ssl-quality · BarlowTwins.swift — the cross-correlation objective of Barlow Twins.

/// Barlow Twins, as lightly's `BarlowTwinsLoss` (λ 5e-3). Each view is batch-normalised
/// per feature without affine parameters (`x̂ = (x − x̄)/√(Var_biased + 10⁻⁵)`), then
///
/// ```
/// C = âᵀ b̂ / B,     L = Σ_i (C_ii − 1)² + λ Σ_{i≠j} C_ij²
/// ```
///
/// Gradient: `∂L/∂C = 2λC + diag(g)`, `g_i = 2(C_ii − 1) − 2λC_ii`; `∂â = b̂ (∂L/∂C)ᵀ / B`,
/// `∂b̂ = â (∂L/∂C) / B`, then back through the normalisation (``BatchNorm1d``'s backward).
///
/// The `D × D` matrix `C` is never formed: with the `B × B` Gram matrices `Gₐ = â âᵀ` and
/// `G_b = b̂ b̂ᵀ`, `Σ_ij C_ij² = Σ_pq (Gₐ)_pq (G_b)_pq / B²` (both are `tr(Gₐ G_b) / B²`),
/// `b̂ Cᵀ = G_b â / B` and `â C = Gₐ b̂ / B`, so `∂â = 2λ G_b â / B² + b̂ diag(g) / B` and
/// `∂b̂ = 2λ Gₐ b̂ / B² + â diag(g) / B`: BLAS products of `O(B² D)` instead of `O(B D²)`,
/// which is what wide heads (`D` = 4 × the encoder's width) need.
public struct BarlowTwins: Sendable {
  public var lambda: Double

  /// lightly's default redundancy weight `λ`.
  public static let defaultLambda = 5e-3

  public init(lambda: Double = BarlowTwins.defaultLambda) { self.lambda = lambda }

  /// Value and gradients with respect to `a` and `b` (`B × D` each, `B ≥ 2`).
  public func evaluate<Scalar>(_ a: Tensor<Scalar>, _ b: Tensor<Scalar>) -> ObjectiveValue<Scalar> {
    precondition(a.shape == b.shape && a.shape.count == 2 && a.rows > 1, "Barlow Twins needs two B × D views with B ≥ 2")
    let n = a.rows, d = a.columns, batch = Double(n)
    var normA = BatchNorm1d<Scalar>(features: d, affine: false), normB = normA
    let (ha, tapeA) = normA.forward(a, training: true)
    let (hb, tapeB) = normB.forward(b, training: true)
    // The diagonal C_ii = Σ_p â_pi b̂_pi / B, and g.
    let diagonal = ha.columnSumsAndDots(hb).dots
    var loss = 0.0
    var g = [Double](repeating: 0, count: d)
    for i in 0..<d {
      let c = diagonal[i] / batch
      loss += (c - 1) * (c - 1) - lambda * c * c
      g[i] = 2 * (c - 1) - 2 * lambda * c
    }
    let gramA = ha.matmul(ha, otherTransposed: true), gramB = hb.matmul(hb, otherTransposed: true)
    let traceProduct = zip(gramA.scalars, gramB.scalars).reduce(0) { $0 + Double($1.0) * Double($1.1) }
    loss += lambda * traceProduct / (batch * batch)
    var dha = gramB.matmul(ha) * Scalar(2 * lambda / (batch * batch))
    var dhb = gramA.matmul(hb) * Scalar(2 * lambda / (batch * batch))
    let featureScale = g.map { $0 / batch }
    dha.addColumnScaled(hb, by: featureScale)
    dhb.addColumnScaled(ha, by: featureScale)
    return ObjectiveValue(
      value: loss, gradients: [normA.backward(dha, tape: tapeA).input, normB.backward(dhb, tape: tapeB).input])
  }
}
