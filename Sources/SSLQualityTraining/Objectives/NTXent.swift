// ssl-quality · NTXent.swift — SimCLR's normalised-temperature cross entropy.

/// NT-Xent (SimCLR), as lightly's `NTXentLoss` without a memory bank. With `a_i`, `b_i`
/// the L2-normalised rows of the two views (`B × d`) and `z = [a; b]` (`2B` rows), each
/// row `r` is classified among the `2B − 1` other rows, its partner `p(r)` (the same
/// sample in the other view) being the positive:
///
/// ```
/// L = 1/(2B) · Σ_r [ −z_r·z_p(r)/τ + log Σ_{c ≠ r} exp(z_r·z_c/τ) ]
/// ```
///
/// Temperature `τ` default 0.5. Gradient: with `G_rc = (softmax_{c≠r}(z_r·z_c/τ) −
/// [c = p(r)])/(2B)`, `∂z = (G + Gᵀ) z / τ`, then back through the normalisation.
public struct NTXent: Sendable {
  public var temperature: Double

  /// lightly's default temperature `τ` (also MoCo's, ``NTXentMemoryBank``).
  public static let defaultTemperature = 0.5

  public init(temperature: Double = NTXent.defaultTemperature) {
    precondition(abs(temperature) >= 1e-8, "temperature must not be 0")
    self.temperature = temperature
  }

  /// Value and gradients with respect to `view0` and `view1` (`B × d` each, `B ≥ 1`).
  public func evaluate<Scalar>(_ view0: Tensor<Scalar>, _ view1: Tensor<Scalar>) -> ObjectiveValue<Scalar> {
    precondition(view0.shape == view1.shape && view0.shape.count == 2, "NT-Xent needs two B × d views")
    let b = view0.rows, d = view0.columns, n = 2 * b
    let (a, normsA) = L2Normalize.normalize(view0, eps: 1e-12)
    let (c, normsB) = L2Normalize.normalize(view1, eps: 1e-12)
    let z = Tensor(rows: n, columns: d, scalars: a.scalars + c.scalars)
    let similarity = z.matmul(z, otherTransposed: true)
    let scale = 1 / temperature
    var g = [Double](repeating: 0, count: n * n)
    var loss = 0.0
    for r in 0..<n {
      let partner = r < b ? r + b : r - b
      let logSum = Softmax.row(similarity.scalars, from: r * n, count: n, scale: scale, into: &g, at: r * n, excluding: r)
      loss += logSum - Double(similarity.scalars[r * n + partner]) * scale
      g[r * n + partner] -= 1
    }
    // ∂z = (G + Gᵀ) z / τ with G scaled by 1/(2B).
    let factor = scale / Double(n)
    var symmetric = [Scalar](repeating: 0, count: n * n)
    for r in 0..<n { for col in 0..<n { symmetric[r * n + col] = Scalar((g[r * n + col] + g[col * n + r]) * factor) } }
    let dz = Tensor(rows: n, columns: n, scalars: symmetric).matmul(z)
    let dA = Tensor(rows: b, columns: d, scalars: Array(dz.scalars[0..<(b * d)]))
    let dB = Tensor(rows: b, columns: d, scalars: Array(dz.scalars[(b * d)...]))
    return ObjectiveValue(
      value: loss / Double(n),
      gradients: [
        L2Normalize.backward(dA, normalized: a, norms: normsA), L2Normalize.backward(dB, normalized: c, norms: normsB),
      ])
  }
}
