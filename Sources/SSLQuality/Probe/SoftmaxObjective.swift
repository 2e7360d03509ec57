// ssl-quality · SoftmaxObjective.swift — scikit-learn's multinomial logistic loss and its gradient.

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
///
/// With a `standardization`, `x` stands for the standardised features `(x − μ) / s` while
/// `features` stay as stored: logits are `X Vᵀ + c` with `V = W / s` and `c = b − V μ`
/// (in `Double`), and the weight gradient is `((P − Y)ᵀ X − (Σ (P − Y)) μᵀ) / (n s)` — the
/// same objective in the same parameters, without a standardised copy of `X`.
public struct SoftmaxObjective: Sendable {
  /// Training features (`n × D`) and class indices.
  public let features: Matrix
  public let targets: [Int32]
  public let classes: Int
  /// Inverse regularisation strength `C`.
  public let inverseRegularization: Double
  /// Standardisation applied on the fly, if any.
  public let standardization: Standardizer?

  public init(features: Matrix, targets: [Int32], classes: Int, inverseRegularization: Double, standardization: Standardizer? = nil) {
    precondition(features.rows == targets.count, "one target per row")
    precondition(standardization.map { $0.mean.count == features.columns } ?? true, "standardisation of another width")
    self.features = features
    self.targets = targets
    self.classes = classes
    self.inverseRegularization = inverseRegularization
    self.standardization = standardization
  }

  /// Number of parameters, `K · D + K`.
  public var parameterCount: Int { classes * features.columns + classes }

  /// The L2 strength `1 / (C n)` applied to the weights.
  var strength: Double { 1 / (inverseRegularization * Double(max(1, features.rows))) }

  /// Logits `X Wᵀ + b` (`N × classes`) of `matrix` for parameters `theta` laid out as above,
  /// with `X` standardised on the fly by `standardization` when given; computed on the
  /// fixed row partitions, so the result does not depend on the thread count.
  public static func logits(
    _ matrix: Matrix, _ theta: [Double], classes k: Int, standardization: Standardizer? = nil, context: ExecutionContext
  ) -> Matrix {
    let d = matrix.columns
    precondition(theta.count == k * d + k, "parameters do not match \(k) classes × \(d) features")
    var z = Matrix(rows: matrix.rows, columns: k)
    let (weights, bias) = storedFeatureParameters(theta, classes: k, features: d, standardization: standardization)
    matrix.withView { x in
      weights.withView { w in
        z.withMutableView { out in
          _ = mapPartitions(rows: x.rows, context: context) { rows in
            writeLogits(of: x.rowRange(rows), weights: w, bias: bias, into: out.rowRange(rows))
          }
        }
      }
    }
    return z
  }

  /// The weights of `theta` as a `K × D` matrix.
  static func weightMatrix(_ theta: [Double], classes k: Int, features d: Int) -> Matrix {
    Matrix(rows: k, columns: d, values: theta[0..<(k * d)].map { Float($0) })
  }

  /// The weights and intercepts that act on the stored features: `W` and `b` as given, or
  /// `V = W / s` and `c = b − V μ` under a standardisation. Linear in `theta`, so it also
  /// maps search directions.
  func storedFeatureParameters(_ theta: [Double]) -> (weights: Matrix, bias: [Float]) {
    Self.storedFeatureParameters(theta, classes: classes, features: features.columns, standardization: standardization)
  }

  /// ``storedFeatureParameters(_:)`` for `k` classes, `d` features and `standardization`.
  static func storedFeatureParameters(
    _ theta: [Double], classes k: Int, features d: Int, standardization: Standardizer?
  ) -> (weights: Matrix, bias: [Float]) {
    guard let standardization else { return (weightMatrix(theta, classes: k, features: d), theta[(k * d)...].map { Float($0) }) }
    var bias = [Float](repeating: 0, count: k)
    var weights = Matrix(rows: k, columns: d)
    weights.withMutableElements { v in
      for c in 0..<k {
        var shift = 0.0
        for j in 0..<d {
          let scaled = theta[c * d + j] / standardization.scale[j]
          v[c * d + j] = Float(scaled)
          shift += scaled * standardization.mean[j]
        }
        bias[c] = Float(theta[k * d + c] - shift)
      }
    }
    return (weights, bias)
  }

  /// `z = X Wᵀ + b` for the rows of `matrix`.
  static func writeLogits(of matrix: MatrixView, weights: MatrixView, bias: [Float], into z: MutableMatrixView) {
    ProbeKernels.fillRows(z, with: bias)
    BLAS.gemm(matrix, weights, transposeB: true, into: z, alpha: 1, beta: 1)
  }

  /// Row blocks whose partial results are merged in a fixed order: results do not depend
  /// on the thread count (each block's products run single-threaded in BLAS).
  static let partitions = 16
  static let subBlockRows = 2048

  /// Runs `body` on fixed row partitions of `rows` rows on the context's workers and
  /// returns the results in partition order.
  static func mapPartitions<T>(rows n: Int, context: ExecutionContext, _ body: @escaping (Range<Int>) -> T) -> [T] {
    let count = max(1, min(partitions, (n + subBlockRows - 1) / subBlockRows))
    let rowsPerPartition = (n + count - 1) / count
    return context.parallelMap(count) { partition in
      body((partition * rowsPerPartition)..<min(n, (partition + 1) * rowsPerPartition))
    }
  }

  /// Objective value and gradient at `theta`.
  ///
  /// - Complexity: two `n × D × K` products; O(partitions · K · D) extra memory.
  public func evaluate(_ theta: [Double], context: ExecutionContext) -> (value: Double, gradient: [Double]) {
    let (weights, bias) = storedFeatureParameters(theta)
    let partials = Self.mapPartitions(rows: features.rows, context: context) { rows in
      residualGradient(rows: rows, weights: weights, bias: bias)
    }
    return total(partials, at: theta)
  }

  /// The data part of the objective summed over `rows`, with the weight gradient
  /// `(P − Y)ᵀ X / n` and the intercept gradient, for the stored features' parameters
  /// `weights` and `bias`, one sub-block of rows at a time.
  private func residualGradient(
    rows: Range<Int>, weights: Matrix, bias: [Float]
  ) -> (loss: Double, weights: Matrix, intercept: [Double]) {
    let k = classes, d = features.columns
    var gradient = Matrix(rows: k, columns: d)
    var intercept = [Double](repeating: 0, count: k)
    var loss = 0.0
    let scale = Float(1 / Double(max(1, features.rows)))
    for start in stride(from: rows.lowerBound, to: rows.upperBound, by: Self.subBlockRows) {
      let count = min(Self.subBlockRows, rows.upperBound - start)
      let block = features.rowRange(start..<(start + count))
      var z = Matrix(rows: count, columns: k)
      block.withView { x in weights.withView { w in z.withMutableView { Self.writeLogits(of: x, weights: w, bias: bias, into: $0) } } }
      z.withMutableView { z in
        ProbeKernels.softmaxResiduals(z, targets: targets[start..<(start + count)], scale: scale, loss: &loss)
        ProbeKernels.addColumnSums(z.readOnly, into: &intercept)
      }
      BLAS.gemm(z, transposeA: true, block, into: &gradient, alpha: 1, beta: 1)
    }
    return (loss, gradient, intercept)
  }

  /// Value and gradient from the partitions' data parts, adding the L2 term at `theta`.
  func total(_ partials: [(loss: Double, weights: Matrix, intercept: [Double])], at theta: [Double]) -> (value: Double, gradient: [Double]) {
    let k = classes, d = features.columns
    var gradient = [Double](repeating: 0, count: k * d + k)
    var dataLoss = 0.0
    for part in partials {
      dataLoss += part.loss
      part.weights.withElements { g in for index in g.indices { gradient[index] += Double(g[index]) } }
      for c in 0..<k { gradient[k * d + c] += part.intercept[c] }
    }
    if let standardization {  // back from the stored features' parameters V to W
      for c in 0..<k {
        let interceptGradient = gradient[k * d + c]
        for j in 0..<d {
          gradient[c * d + j] = (gradient[c * d + j] - interceptGradient * standardization.mean[j]) / standardization.scale[j]
        }
      }
    }
    var penalty = 0.0
    for index in 0..<(k * d) {
      penalty += theta[index] * theta[index]
      gradient[index] += strength * theta[index]
    }
    return (dataLoss / Double(max(1, features.rows)) + 0.5 * strength * penalty, gradient)
  }
}
