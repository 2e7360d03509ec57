// ssl-quality · Standardizer.swift — per-feature standardisation fitted on the train split.

import Dispatch

/// `(x − mean_j) / std_j` per feature, with mean and population standard deviation fitted on
/// one matrix (scikit-learn's `StandardScaler`: a zero standard deviation scales by 1).
///
/// Fitting sums each row block in `Double` and merges the blocks in order, so the
/// statistics do not depend on the thread count.
public struct Standardizer: Sendable {
  /// Per-feature mean and scale.
  public let mean: [Double], scale: [Double]

  /// Fits on `matrix` with `threads` workers.
  ///
  /// - Complexity: two passes over `matrix`, O(blocks · D) extra memory.
  public init(fitting matrix: Matrix, threads: Int = Parallelism.availableCores) {
    let d = matrix.columns, n = Double(max(1, matrix.rows))
    let chunks = RowChunks(rows: matrix.rows, columns: d, targetBytes: 4 << 20)
    let mean = Self.columnSums(matrix, chunks: chunks, threads: threads, around: nil).map { $0 / n }
    let squares = Self.columnSums(matrix, chunks: chunks, threads: threads, around: mean)
    self.mean = mean
    scale = squares.map { s in
      let std = (s / n).squareRoot()
      return std > 0 ? std : 1
    }
  }

  /// Per column, `Σ_i x_ij` (no `center`) or `Σ_i (x_ij − center_j)²`, summed per row block
  /// and merged in block order.
  private static func columnSums(_ matrix: Matrix, chunks: RowChunks, threads: Int, around center: [Double]?) -> [Double] {
    let d = matrix.columns
    let blocks = BlockResults<[Double]>(count: chunks.count)
    chunks.forEach(matrix, threads: threads) { block, rows, elements, _ in
      var partial = [Double](repeating: 0, count: d)
      partial.withUnsafeMutableBufferPointer { sum in
        if let center {
          for r in 0..<rows.count {
            for j in 0..<d {
              let deviation = Double(elements[r * d + j]) - center[j]
              sum[j] += deviation * deviation
            }
          }
        } else {
          for r in 0..<rows.count { for j in 0..<d { sum[j] += Double(elements[r * d + j]) } }
        }
      }
      blocks[block] = partial
    }
    var total = [Double](repeating: 0, count: d)
    for partial in blocks.inOrder { for j in 0..<d { total[j] += partial[j] } }
    return total
  }

  /// Whether standardising on the fly (``SoftmaxObjective``, ``LinearClassifier``) keeps
  /// enough `Float` precision: no feature's `|mean_j| / scale_j` exceeds 16, since that is
  /// about the factor lost against a standardised copy.
  public var allowsOnTheFly: Bool {
    zip(mean, scale).allSatisfy { abs($0) / $1 <= 16 }
  }

  /// A standardised copy of `matrix`, computed on `threads` workers.
  public func transform(_ matrix: Matrix, threads: Int = Parallelism.availableCores) -> Matrix {
    precondition(matrix.columns == mean.count, "standardizer fitted on \(mean.count) features, got \(matrix.columns)")
    let out = Matrix(rows: matrix.rows, columns: matrix.columns)
    let d = matrix.columns
    let shift = mean.map { Float($0) }, factor = scale.map { Float(1 / $0) }
    let target = out.withUnsafeMutableBufferPointer { SendablePointer(base: $0.baseAddress!) }
    RowChunks(rows: matrix.rows, columns: d, targetBytes: 4 << 20).forEach(matrix, threads: threads) { _, rows, x, _ in
      let y = target.base + rows.lowerBound * d
      for r in 0..<rows.count {
        for j in 0..<d { y[r * d + j] = (x[r * d + j] - shift[j]) * factor[j] }
      }
    }
    return out
  }
}
