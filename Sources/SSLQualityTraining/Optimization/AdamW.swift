// ssl-quality · AdamW.swift — Adam with decoupled weight decay, as PyTorch's AdamW.

/// PyTorch's `AdamW` (step `t` counted from 1):
///
/// ```
/// p ← p · (1 − lr · wd)
/// m ← β1 m + (1 − β1) ∂p,   v ← β2 v + (1 − β2) ∂p²
/// p ← p − lr/(1 − β1^t) · m / (√v / √(1 − β2^t) + eps)
/// ```
///
/// Defaults β = (0.9, 0.999), eps 1e-8, weight decay 0.01.
public struct AdamW<Scalar: TrainingScalar>: Optimizer {
  public var beta1: Double, beta2: Double, eps: Double, weightDecay: Double
  /// Number of steps taken.
  public var steps = 0
  /// First and second moments by parameter name.
  public var moments: [String: (first: [Scalar], second: [Scalar])] = [:]

  public init(beta1: Double = 0.9, beta2: Double = 0.999, eps: Double = 1e-8, weightDecay: Double = 0.01) {
    self.beta1 = beta1
    self.beta2 = beta2
    self.eps = eps
    self.weightDecay = weightDecay
  }

  public mutating func step(_ parameters: inout ParameterSet<Scalar>, gradients: ParameterSet<Scalar>, learningRate: Double) {
    steps += 1
    let t = Double(steps)
    let correction1 = 1 - Double.exp(t * Double.log(beta1)), correction2 = 1 - Double.exp(t * Double.log(beta2))
    let decay = Scalar(1 - learningRate * weightDecay)
    let b1 = Scalar(beta1), b2 = Scalar(beta2), stepSize = Scalar(learningRate / correction1)
    let root2 = Scalar(correction2.squareRoot()), eps = Scalar(self.eps)
    var moments = self.moments
    Self.each(&parameters, gradients) { name, p, g in
      var (m, v) = moments[name] ?? ([Scalar](repeating: 0, count: g.count), [Scalar](repeating: 0, count: g.count))
      for i in p.indices {
        p[i] *= decay
        m[i] = b1 * m[i] + (1 - b1) * g[i]
        v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i]
        p[i] -= stepSize * m[i] / (v[i].squareRoot() / root2 + eps)
      }
      moments[name] = (m, v)
    }
    self.moments = moments
  }
}
