// ssl-quality · AdamW.swift — Adam with decoupled weight decay, as PyTorch's AdamW.

import SSLQuality

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
    let rule = Rule(
      decay: Scalar(1 - learningRate * weightDecay), b1: Scalar(beta1), b2: Scalar(beta2),
      stepSize: Scalar(learningRate / correction1), root2: Scalar(correction2.squareRoot()), eps: Scalar(eps))
    // Taken out of `self` so that each moment buffer is uniquely held and updated in place.
    var moments = self.moments
    self.moments = [:]
    Self.each(&parameters, gradients) { name, p, g in
      var (m, v) = moments.removeValue(forKey: name) ?? ([Scalar](repeating: 0, count: g.count), [Scalar](repeating: 0, count: g.count))
      p = rule.apply(p, g, &m, &v)
      moments[name] = (m, v)
    }
    self.moments = moments
  }

  /// One step's constants: `p ← p · decay`, the moments, then
  /// `p ← p − stepSize · m / (√v / root2 + eps)`.
  struct Rule {
    let decay, b1, b2, stepSize, root2, eps: Scalar

    /// The stepped parameters as a new array (the old one is shared with the model), with
    /// `m` and `v` moved in place; in chunks over the threads of the enclosing product
    /// scope. Every element's arithmetic is the same whatever the chunking, and the loop
    /// vectorises (the module is built without C's `errno` for square roots).
    func apply(_ p: [Scalar], _ g: [Scalar], _ m: inout [Scalar], _ v: inout [Scalar]) -> [Scalar] {
      let count = p.count
      return [Scalar](unsafeUninitializedCapacity: count) { buffer, initialized in
        let out = buffer
        p.withUnsafeBufferPointer { p in
          g.withUnsafeBufferPointer { g in
            m.withUnsafeMutableBufferPointer { first in
              v.withUnsafeMutableBufferPointer { second in
                let (m, v, rule) = (first, second, self)
                ExecutionContext.forEachChunk(count) { range in
                  for i in range {
                    let mi = rule.b1 * m[i] + (1 - rule.b1) * g[i]
                    let vi = rule.b2 * v[i] + (1 - rule.b2) * g[i] * g[i]
                    m[i] = mi
                    v[i] = vi
                    out.initializeElement(at: i, to: p[i] * rule.decay - rule.stepSize * mi / (vi.squareRoot() / rule.root2 + rule.eps))
                  }
                }
              }
            }
          }
        }
        initialized = count
      }
    }
  }
}
