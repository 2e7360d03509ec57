// ssl-quality · WeightNormLinear.swift — a bias-free Linear with weight normalisation.

import SSLQuality

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
  public init(inputs: Int, outputs: Int, frozenScale: Bool = true, random: inout SeededGenerator) {
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
    var w = direction
    let norms = direction.rowNorms()
    w.multiplyRows(by: norms.indices.map { Scalar(Double(scale.scalars[$0]) / norms[$0]) })
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
    let norms = direction.rowNorms(), dots = dv.rowDots(direction)
    var dg = [Scalar](repeating: 0, count: direction.rows)
    var a = dg, b = dg
    for i in dg.indices {
      let norm = norms[i], dot = dots[i], g = Double(scale.scalars[i])
      dg[i] = Scalar(dot / norm)
      a[i] = Scalar(g / norm)
      b[i] = Scalar(g * dot / (norm * norm * norm))
    }
    dv.scaleRows(by: a, subtracting: direction, scaledBy: b)
    var grads = ParameterSet<Scalar>()
    if !frozenScale { grads["weight_g"] = Tensor(shape: [direction.rows, 1], scalars: dg) }
    grads["weight_v"] = dv
    return (dx, grads)
  }
}
