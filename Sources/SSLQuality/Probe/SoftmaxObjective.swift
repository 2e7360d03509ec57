// ssl-quality · SoftmaxObjective.swift — scikit-learn's multinomial logistic loss and its gradient.

import Dispatch
import Foundation

/// The objective of scikit-learn's `LogisticRegression(solver="lbfgs")` (multinomial, L2):
///
/// ```
/// f(W, b) = (1/n) Σ_i [ logsumexp(W x_i + b) − (W x_i + b)_{y_i} ] + ‖W‖² / (2 C n)
/// ```
///
/// with `W` the `K × D` weights and `b` the unpenalised intercepts. Logits and the weight
/// gradient go through `sgemm`; the loss is accumulated in `Double`, per row block, merged
/// in block order. Parameters are laid out `W` row-major, then `b`.
public struct SoftmaxObjective: @unchecked Sendable {
  /// Training features (`n × D`) and class indices.
  public let features: Matrix
  public let targets: [Int32]
  public let classes: Int
  /// Inverse regularisation strength `C`.
  public let inverseRegularization: Double

  public init(features: Matrix, targets: [Int32], classes: Int, inverseRegularization: Double) {
    precondition(features.rows == targets.count, "one target per row")
    self.features = features
    self.targets = targets
    self.classes = classes
    self.inverseRegularization = inverseRegularization
  }

  /// Number of parameters, `K · D + K`.
  public var parameterCount: Int { classes * features.columns + classes }

  /// Logits `X Wᵀ + b` (`N × classes`) of `matrix` for parameters `theta` laid out as above.
  public static func logits(_ matrix: Matrix, _ theta: [Double], classes k: Int) -> Matrix {
    let d = matrix.columns
    precondition(theta.count == k * d + k, "parameters do not match \(k) classes × \(d) features")
    let weights = Matrix(rows: k, columns: d, values: theta[0..<(k * d)].map { Float($0) })
    let z = Matrix(rows: matrix.rows, columns: k)
    z.withUnsafeMutableBufferPointer { out in
      for i in 0..<matrix.rows { for c in 0..<k { out[i * k + c] = Float(theta[k * d + c]) } }
    }
    BLAS.gemm(matrix, weights, transposeB: true, into: z, alpha: 1, beta: 1)
    return z
  }

  /// Row blocks whose partial gradients are summed in a fixed order: results do not
  /// depend on the thread count (each block's products run single-threaded in BLAS).
  static let partitions = 16
  static let subBlockRows = 2048

  /// Objective value and gradient at `theta`.
  ///
  /// - Complexity: two `n × D × K` products; O(partitions · K · D) extra memory.
  public func evaluate(_ theta: [Double], threads: Int) -> (value: Double, gradient: [Double]) {
    let n = features.rows, k = classes, d = features.columns
    let weights = Matrix(rows: k, columns: d, values: theta[0..<(k * d)].map { Float($0) })
    let bias = theta[(k * d)...].map { Float($0) }
    let partitions = max(1, min(Self.partitions, (n + Self.subBlockRows - 1) / Self.subBlockRows))
    let rowsPerPartition = (n + partitions - 1) / partitions
    let partials = BlockResults<(loss: Double, weights: Matrix, intercept: [Double])>(count: partitions)
    let scale = Float(1 / Double(max(1, n)))
    let workers = max(1, min(threads, partitions))
    BLAS.setThreads(1)
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
      var partition = worker
      while partition < partitions {
        let rows = (partition * rowsPerPartition)..<min(n, (partition + 1) * rowsPerPartition)
        partials[partition] = partial(rows: rows, weights: weights, bias: bias, scale: scale)
        partition += workers
      }
    }
    var gradient = [Double](repeating: 0, count: k * d + k)
    var dataLoss = 0.0
    for part in partials.inOrder {
      dataLoss += part.loss
      part.weights.withUnsafeBufferPointer { g in for index in 0..<(k * d) { gradient[index] += Double(g[index]) } }
      for c in 0..<k { gradient[k * d + c] += part.intercept[c] }
    }
    var penalty = 0.0
    let strength = 1 / (inverseRegularization * Double(max(1, n)))
    for index in 0..<(k * d) {
      penalty += theta[index] * theta[index]
      gradient[index] += strength * theta[index]
    }
    return (dataLoss / Double(max(1, n)) + 0.5 * strength * penalty, gradient)
  }

  /// Summed cross-entropy, weight gradient `(P − Y)ᵀ X / n` and intercept gradient of `rows`.
  private func partial(rows: Range<Int>, weights: Matrix, bias: [Float], scale: Float) -> (loss: Double, weights: Matrix, intercept: [Double]) {
    let k = classes, d = features.columns
    let gradient = Matrix(rows: k, columns: d)
    var intercept = [Double](repeating: 0, count: k)
    var loss = 0.0
    for start in stride(from: rows.lowerBound, to: rows.upperBound, by: Self.subBlockRows) {
      let count = min(Self.subBlockRows, rows.upperBound - start)
      let block = features.rowRange(start..<(start + count))
      let z = Matrix(rows: count, columns: k)
      z.withUnsafeMutableBufferPointer { out in
        for i in 0..<count { for c in 0..<k { out[i * k + c] = bias[c] } }
      }
      BLAS.gemm(block, weights, transposeB: true, into: z, alpha: 1, beta: 1)
      z.withUnsafeMutableBufferPointer { p in
        for i in 0..<count {
          let row = p.baseAddress! + i * k
          var top = -Float.infinity
          for c in 0..<k { top = max(top, row[c]) }
          let target = Int(targets[start + i])
          let shiftedTarget = Double(row[target] - top)
          var sum = 0.0
          for c in 0..<k {
            let e = exp(row[c] - top)
            row[c] = e
            sum += Double(e)
          }
          loss += log(sum) - shiftedTarget
          let inverse = Float(1 / sum)
          for c in 0..<k {
            row[c] *= inverse * scale
            intercept[c] += Double(row[c])
          }
          row[target] -= scale
          intercept[target] -= Double(scale)
        }
      }
      BLAS.gemm(z, transposeA: true, block, into: gradient, alpha: 1, beta: 1)
    }
    return (loss, gradient, intercept)
  }
}
