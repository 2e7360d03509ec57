// ssl-quality · ProbeKernels.swift — the probes' element loops over matrix memory: column sums, standardisation, softmax residuals, logit updates, and the kNN neighbour lists.

import Foundation

/// The inner loops of the probes, on ``MatrixView``s and ``MutableMatrixView``s (a worker's
/// own rows, so workers on disjoint rows may run them concurrently). They index the views'
/// memory directly, so the objectives and classifiers around them need no pointers.
enum ProbeKernels {
  /// Adds, per column `j`, `Σ_i x_ij` (no `center`) or `Σ_i (x_ij − center_j)²` to
  /// `sums[j]`, in `Double`, rows in order.
  ///
  /// - Precondition: `sums` (and `center`) hold one value per column.
  static func addColumnSums(_ x: MatrixView, around center: [Double]? = nil, into sums: inout [Double]) {
    let d = x.columns, elements = x.elements
    precondition(sums.count == d && (center?.count ?? d) == d, "column sums of another width")
    sums.withUnsafeMutableBufferPointer { sum in
      for i in 0..<x.rows {
        if let center {
          for j in 0..<d {
            let deviation = Double(elements[i * d + j]) - center[j]
            sum[j] += deviation * deviation
          }
        } else {
          for j in 0..<d { sum[j] += Double(elements[i * d + j]) }
        }
      }
    }
  }

  /// `y_ij = (x_ij − shift_j) · factor_j` in `Float`.
  ///
  /// - Precondition: `y` has `x`'s shape; `shift` and `factor` hold one value per column.
  static func standardize(_ x: MatrixView, shift: [Float], factor: [Float], into y: MutableMatrixView) {
    let d = x.columns
    precondition(y.rows == x.rows && y.columns == d && shift.count == d && factor.count == d, "standardize: shapes differ")
    let source = x.elements, target = y.elements
    for i in 0..<x.rows {
      for j in 0..<d { target[i * d + j] = (source[i * d + j] - shift[j]) * factor[j] }
    }
  }

  /// Sets every row of `z` to `bias`.
  ///
  /// - Precondition: `bias` holds one value per column.
  static func fillRows(_ z: MutableMatrixView, with bias: [Float]) {
    let k = z.columns, out = z.elements
    precondition(bias.count == k, "fillRows: \(bias.count) values for \(k) columns")
    for i in 0..<z.rows { for c in 0..<k { out[i * k + c] = bias[c] } }
  }

  /// Turns each row `i` of logits `z` into `(softmax − onehot(targets[i])) · scale` in place
  /// and adds its cross-entropy to `loss`, rows in order.
  ///
  /// - Precondition: one target in `0..<z.columns` per row.
  static func softmaxResiduals(_ z: MutableMatrixView, targets: ArraySlice<Int32>, scale: Float, loss: inout Double) {
    let k = z.columns
    precondition(targets.count == z.rows && targets.allSatisfy { $0 >= 0 && Int($0) < k }, "softmaxResiduals: targets do not match")
    for (i, target) in targets.enumerated() {
      loss += residual(z.base + i * k, classes: k, target: Int(target), scale: scale)
    }
  }

  /// Writes into `residuals` the residuals `P − Y` of the logits `Z + step · D` (of `Z`
  /// itself when `step` is nil), one row per target; returns the summed cross-entropy and,
  /// along a line, the summed `(P − Y) · D` (in `Double`, rows in order).
  ///
  /// - Precondition: the three views have one row per target and the same columns.
  static func lineResiduals(
    logits: MatrixView, direction: MatrixView, step: Float?, targets: ArraySlice<Int32>, into residuals: MutableMatrixView
  ) -> (loss: Double, slope: Double) {
    let k = logits.columns, n = targets.count
    precondition(
      logits.rows == n && direction.rows == n && residuals.rows == n && direction.columns == k && residuals.columns == k
        && targets.allSatisfy { $0 >= 0 && Int($0) < k }, "lineResiduals: shapes differ")
    let zp = logits.elements, dp = direction.elements, a = step ?? 0, alongLine = step != nil
    var loss = 0.0, slope = 0.0
    for (i, target) in targets.enumerated() {
      let t = residuals.base + i * k
      if alongLine {
        for c in 0..<k { t[c] = zp[i * k + c] + a * dp[i * k + c] }
      } else {
        for c in 0..<k { t[c] = zp[i * k + c] }
      }
      loss += residual(t, classes: k, target: Int(target), scale: 1)
      if alongLine { for c in 0..<k { slope += Double(t[c]) * Double(dp[i * k + c]) } }
    }
    return (loss, slope)
  }

  /// `z ← z + alpha · direction`, element by element in `Float`.
  ///
  /// - Precondition: the views have the same shape.
  static func addScaled(_ alpha: Float, _ direction: MatrixView, to z: MutableMatrixView) {
    precondition(direction.rows == z.rows && direction.columns == z.columns, "addScaled: shapes differ")
    let zp = z.elements, dp = direction.elements
    for index in 0..<zp.count { zp[index] = zp[index] + alpha * dp[index] }
  }

  /// Turns one row of logits into `(softmax − onehot(target)) · scale` in place and
  /// returns the row's cross-entropy (softmax in `Float`, sums in `Double`).
  @inline(__always)
  private static func residual(_ row: UnsafeMutablePointer<Float>, classes k: Int, target: Int, scale: Float) -> Double {
    let logit = row[target]
    let (top, sum) = Matrix.softmax(row, count: k, scale: scale)
    row[target] -= scale
    return log(sum) - Double(logit - top)
  }
}

/// The best `k` neighbours of each row so far, best first, in flat per-row slots.
///
/// Invariant (why `@unchecked Sendable` holds): the buffers are allocated once and never
/// reallocated; row `r`'s slots are written only by work item `r` of a `parallelMap` (one
/// worker), and read only after that `parallelMap` has returned.
final class NeighbourLists: @unchecked Sendable {
  private let similarities: UnsafeMutableBufferPointer<Float>
  private let indices: UnsafeMutableBufferPointer<Int>
  private let counts: UnsafeMutableBufferPointer<Int>
  private let rows: Int, k: Int

  init(rows: Int, k: Int) {
    self.rows = rows
    self.k = k
    similarities = .allocate(capacity: rows * k)
    indices = .allocate(capacity: rows * k)
    counts = .allocate(capacity: rows)
    counts.initialize(repeating: 0)
  }

  deinit {
    similarities.deallocate()
    indices.deallocate()
    counts.deallocate()
  }

  /// Considers train samples `firstIndex...` with similarities `block[row, ·]` to row `row`.
  ///
  /// - Precondition: `row` is one of this list's rows and of `block`'s.
  func offer(row: Int, of block: MatrixView, firstIndex: Int) {
    precondition(row >= 0 && row < rows && row < block.rows, "offer: row out of range")
    guard k > 0 else { return }
    let sims = block.rowStart(row), count = block.columns
    let values = similarities.baseAddress! + row * k, ids = indices.baseAddress! + row * k
    var held = counts[row]
    for offset in 0..<count {
      let value = sims[offset]
      // Later indices lose ties: a full list only takes a strictly better similarity.
      if held == k && !(value > values[k - 1]) { continue }
      var position = min(held, k - 1)
      while position > 0 && values[position - 1] < value {
        values[position] = values[position - 1]
        ids[position] = ids[position - 1]
        position -= 1
      }
      values[position] = value
      ids[position] = firstIndex + offset
      held = min(k, held + 1)
    }
    counts[row] = held
  }

  /// Row `row`'s neighbours so far, best first: (similarity, train index).
  func list(_ row: Int) -> [(Float, Int)] {
    precondition(row >= 0 && row < rows, "list: row out of range")
    return (0..<counts[row]).map { (similarities[row * k + $0], indices[row * k + $0]) }
  }
}
