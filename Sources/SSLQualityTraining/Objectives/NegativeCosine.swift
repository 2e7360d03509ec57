// ssl-quality · NegativeCosine.swift — BYOL's and SimSiam's objective.

/// Negative cosine similarity (BYOL, SimSiam), as lightly's `NegativeCosineSimilarity`:
///
/// ```
/// L = −1/B · Σ_i  x_i·y_i / (max(‖x_i‖, eps) · max(‖y_i‖, eps))        eps = 1e-8
/// ```
///
/// Gradient (norms above eps): `∂x_i = −(ŷ_i − cos_i x̂_i) / (B ‖x_i‖)`, symmetric in `y`.
/// The stop-gradient of BYOL/SimSiam is the caller's: it simply ignores one gradient.
public struct NegativeCosine: Sendable {
  public var eps: Double

  public init(eps: Double = 1e-8) { self.eps = eps }

  /// Value and gradients with respect to `x` and `y` (`B × d` each).
  public func evaluate<Scalar>(_ x: Tensor<Scalar>, _ y: Tensor<Scalar>) -> ObjectiveValue<Scalar> {
    precondition(x.shape == y.shape && x.shape.count == 2, "negative cosine needs two B × d inputs")
    let b = x.rows, d = x.columns
    var dx = x, dy = y
    var total = 0.0
    for i in 0..<b {
      var xx = 0.0, yy = 0.0, xy = 0.0
      for j in 0..<d {
        let u = Double(x[i, j]), v = Double(y[i, j])
        xx += u * u
        yy += v * v
        xy += u * v
      }
      let nx = max(xx.squareRoot(), eps), ny = max(yy.squareRoot(), eps)
      let cosine = xy / (nx * ny)
      total += cosine
      // ∂cos/∂x = y/(nx ny) − cos · x/nx² (the second term only when ‖x‖ > eps).
      let cx = xx.squareRoot() > eps ? cosine / (nx * nx) : 0, cy = yy.squareRoot() > eps ? cosine / (ny * ny) : 0
      for j in 0..<d {
        let u = Double(x[i, j]), v = Double(y[i, j])
        dx[i, j] = Scalar(-(v / (nx * ny) - cx * u) / Double(b))
        dy[i, j] = Scalar(-(u / (nx * ny) - cy * v) / Double(b))
      }
    }
    return ObjectiveValue(value: -total / Double(b), gradients: [dx, dy])
  }
}
