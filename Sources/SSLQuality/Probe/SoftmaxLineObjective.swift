// ssl-quality · SoftmaxLineObjective.swift — the softmax objective along search lines without a product per trial step.

/// ``SoftmaxObjective`` as a ``LineObjective`` that keeps the logits `Z = X Wᵀ + b` of the
/// current point and `D = X Pᵀ + p_b` of the line direction `p = (P, p_b)`, so that the
/// value and slope at any step `α` are softmaxes of `Z + α D` — O(n K), no matrix product.
/// A line costs one product `X Pᵀ`, an accepted step one product `(P − Y)ᵀ X` for the
/// gradient, however many trial steps the line search takes. Logits move in place,
/// `Z ← Z + α D` (the same `Float` expression the trial used), and are recomputed exactly
/// every ``refreshInterval`` steps so rounding cannot accumulate. The residuals `P − Y`
/// of the last trial step are kept, so when the line search accepts that step (the usual
/// case) its gradient needs no second softmax. Row partitions are fixed, so results do
/// not depend on the thread count.
///
/// Needs `12 n K` bytes beyond the features (see ``extraBytes(rows:classes:)``).
public final class SoftmaxLineObjective: LineObjective {
  public let objective: SoftmaxObjective
  public let context: ExecutionContext
  /// Accepted steps between exact recomputations of the logits.
  public static let refreshInterval = 10

  private var logits: Matrix, directionLogits: Matrix
  /// `P − Y` at step `residualStep` of the current line (the last trial), when valid.
  private var residuals: Matrix
  private var residualStep: Double?
  private var point: [Double] = [], direction: [Double] = []
  /// `‖W‖²`, `⟨W, P⟩` and `‖P‖²` over the weights (the intercepts are not penalised).
  private var weightNorm = 0.0, crossTerm = 0.0, directionNorm = 0.0
  private var steps = 0

  /// Memory for `Z`, `D` and the residuals.
  public static func extraBytes(rows: Int, classes: Int) -> Int { 3 * rows * classes * MemoryLayout<Float>.stride }

  public init(_ objective: SoftmaxObjective, context: ExecutionContext) {
    self.objective = objective
    self.context = context
    logits = Matrix(rows: objective.features.rows, columns: objective.classes)
    directionLogits = Matrix(rows: objective.features.rows, columns: objective.classes)
    residuals = Matrix(rows: objective.features.rows, columns: objective.classes)
  }

  public func evaluate(at x: [Double]) -> (value: Double, gradient: [Double]) {
    point = x
    steps = 0
    residualStep = nil
    fill(&logits, with: x)
    return gradientFromResiduals(loss: residualPass(step: nil).loss)
  }

  public func beginLine(_ direction: [Double]) {
    self.direction = direction
    residualStep = nil
    fill(&directionLogits, with: direction)
    let weights = objective.classes * objective.features.columns
    weightNorm = 0
    crossTerm = 0
    directionNorm = 0
    for index in 0..<weights {
      weightNorm += point[index] * point[index]
      crossTerm += point[index] * direction[index]
      directionNorm += direction[index] * direction[index]
    }
  }

  public func along(_ alpha: Double) -> (value: Double, slope: Double) {
    let (loss, slope) = residualPass(step: alpha)
    residualStep = alpha
    let n = Double(max(1, objective.features.rows)), strength = objective.strength
    let penalty = weightNorm + 2 * alpha * crossTerm + alpha * alpha * directionNorm
    return (loss / n + 0.5 * strength * penalty, slope / n + strength * (crossTerm + alpha * directionNorm))
  }

  /// Writes the residuals `P − Y` of the logits `Z + α D` (of `Z` itself when `step` is
  /// nil) into `residuals`; returns the summed cross-entropy and, along the line, the
  /// summed `(P − Y) · D`.
  private func residualPass(step: Double?) -> (loss: Double, slope: Double) {
    let targets = objective.targets, rows = objective.features.rows, context = self.context
    let partials = logits.withView { z in
      directionLogits.withView { direction in
        residuals.withMutableView { residuals in
          SoftmaxObjective.mapPartitions(rows: rows, context: context) { rows in
            ProbeKernels.lineResiduals(
              logits: z.rowRange(rows), direction: direction.rowRange(rows), step: step.map { Float($0) },
              targets: targets[rows], into: residuals.rowRange(rows))
          }
        }
      }
    }
    return (partials.reduce(0) { $0 + $1.0 }, partials.reduce(0) { $0 + $1.1 })
  }

  public func move(to alpha: Double) -> [Double] {
    axpy(alpha, direction, &point)
    steps += 1
    let reuse = residualStep == alpha && steps % Self.refreshInterval != 0
    residualStep = nil
    if steps % Self.refreshInterval == 0 {
      fill(&logits, with: point)
    } else {
      let a = Float(alpha), rows = objective.features.rows, context = self.context
      logits.withMutableView { z in
        directionLogits.withView { direction in
          _ = SoftmaxObjective.mapPartitions(rows: rows, context: context) { rows in
            ProbeKernels.addScaled(a, direction.rowRange(rows), to: z.rowRange(rows))
          }
        }
      }
    }
    if !reuse { _ = residualPass(step: nil) }
    return gradientFromResiduals(loss: 0).gradient
  }

  /// Value (from the summed cross-entropy `loss`) and gradient at the current point from
  /// the residuals in `residuals`: `(P − Y)ᵀ X / n` per partition (one product each) and
  /// the intercepts' `Σ (P − Y) / n`.
  private func gradientFromResiduals(loss: Double) -> (value: Double, gradient: [Double]) {
    let k = objective.classes, d = objective.features.columns, features = objective.features, r = residuals
    let scale = 1 / Double(max(1, features.rows))
    let partials = SoftmaxObjective.mapPartitions(rows: features.rows, context: context) { rows in
      var weights = Matrix(rows: k, columns: d)
      let block = r.rowRange(rows)
      BLAS.gemm(block, transposeA: true, features.rowRange(rows), into: &weights, alpha: Float(scale))
      var intercept = [Double](repeating: 0, count: k)
      block.withView { ProbeKernels.addColumnSums($0, into: &intercept) }
      for c in 0..<k { intercept[c] *= scale }
      return (loss: 0.0, weights: weights, intercept: intercept)
    }
    var (value, gradient) = objective.total(partials, at: point)
    value += loss / Double(max(1, features.rows))
    return (value, gradient)
  }

  /// `target = X Wᵀ + b` for parameters `theta`, by row partition; all-zero weights need no product.
  private func fill(_ target: inout Matrix, with theta: [Double]) {
    let k = objective.classes, d = objective.features.columns, features = objective.features, context = self.context
    let (weights, bias) = objective.storedFeatureParameters(theta)
    let zeroWeights = theta[0..<(k * d)].allSatisfy { $0 == 0 }
    features.withView { x in
      weights.withView { w in
        target.withMutableView { target in
          _ = SoftmaxObjective.mapPartitions(rows: features.rows, context: context) { rows in
            let out = target.rowRange(rows)
            if zeroWeights {
              ProbeKernels.fillRows(out, with: bias)
            } else {
              SoftmaxObjective.writeLogits(of: x.rowRange(rows), weights: w, bias: bias, into: out)
            }
          }
        }
      }
    }
  }
}
