// ssl-quality · WeightNormLinear.swift — a bias-free Linear with weight normalisation.

/// A Linear layer whose weight is re-parametrised per output row (PyTorch's
/// `weight_norm(…, dim=0)`, DINO's last layer): `W_i = g_i · v_i / ‖v_i‖`, `y = x Wᵀ`,
/// parameters `weight_g` `[out, 1]` and `weight_v` `[out, in]`.
///
/// Backward: with `∂W = ∂yᵀ x` and `v̂_i = v_i/‖v_i‖`, `∂g_i = ∂W_i · v̂_i` and
/// `∂v_i = (g_i/‖v_i‖) (∂W_i − (∂W_i · v̂_i) v̂_i)`. DINO freezes `weight_g` at 1
/// (`frozenScale`), which leaves it out of ``parameters``.
public struct WeightNormLinear<Scalar: TrainingScalar>: Layer {
  public var scale: Tensor<Scalar>, direction: Tensor<Scalar>
  /// Whether `weight_g` is fixed (not trained, but still part of the state dict).
  public let frozenScale: Bool

  /// `g = 1` and `v` uniform in `±1/√inputs` (PyTorch's Linear initialisation).
  public init(inputs: Int, outputs: Int, frozenScale: Bool = true, random: inout RandomSource) {
    direction = random.uniformTensor(shape: [outputs, inputs], bound: 1 / Double(inputs).squareRoot())
    scale = Tensor(shape: [outputs, 1], repeating: 1)
    self.frozenScale = frozenScale
  }

  public var parameters: ParameterSet<Scalar> {
    get { frozenScale ? ParameterSet([("weight_v", direction)]) : ParameterSet([("weight_g", scale), ("weight_v", direction)]) }
    set {
      direction = newValue["weight_v"]!
      if !frozenScale { scale = newValue["weight_g"]! }
    }
  }

  public var buffers: ParameterSet<Scalar> {
    get { frozenScale ? ParameterSet([("weight_g", scale)]) : ParameterSet() }
    set { if frozenScale { scale = newValue["weight_g"]! } }
  }

  /// The effective weight `W` and the row norms `‖v_i‖`.
  func weight() -> (Tensor<Scalar>, norms: [Double]) {
    let n = direction.columns
    var w = direction
    let norms = direction.rowNorms()
    w.scalars.withUnsafeMutableBufferPointer { v in
      for i in 0..<direction.rows {
        let factor = Scalar(Double(scale.scalars[i]) / norms[i])
        for j in 0..<n { v[i * n + j] *= factor }
      }
    }
    return (w, norms)
  }

  public func forward(_ input: Tensor<Scalar>, training: Bool) -> (output: Tensor<Scalar>, tape: Tape<Scalar>) {
    let (w, _) = weight()
    return (input.matmul(w, otherTransposed: true), Tape(saved: [input, w]))
  }

  public func backward(_ gradient: Tensor<Scalar>, tape: Tape<Scalar>) -> (input: Tensor<Scalar>, parameters: ParameterSet<Scalar>) {
    let x = tape.saved[0], w = tape.saved[1]
    let dx = gradient.matmul(w)
    var dv = gradient.matmul(transposed: true, x)
    let n = direction.columns
    var dg = [Scalar](repeating: 0, count: direction.rows)
    dv.scalars.withUnsafeMutableBufferPointer { d in
      direction.scalars.withUnsafeBufferPointer { v in
        for i in 0..<direction.rows {
          var s = 0.0, dot = 0.0
          for j in 0..<n {
            s += Double(v[i * n + j]) * Double(v[i * n + j])
            dot += Double(d[i * n + j]) * Double(v[i * n + j])
          }
          let norm = s.squareRoot(), g = Double(scale.scalars[i])
          dg[i] = Scalar(dot / norm)
          let a = Scalar(g / norm), b = Scalar(g * dot / (norm * norm * norm))
          for j in 0..<n { d[i * n + j] = a * d[i * n + j] - b * v[i * n + j] }
        }
      }
    }
    var grads = ParameterSet<Scalar>()
    if !frozenScale { grads["weight_g"] = Tensor(shape: [direction.rows, 1], scalars: dg) }
    grads["weight_v"] = dv
    return (dx, grads)
  }
}
