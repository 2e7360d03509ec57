// ssl-quality · Standardizer.swift — per-feature standardisation fitted on the train split.

/// `(x − mean_j) / std_j` per feature, with mean and population standard deviation fitted on
/// one matrix (scikit-learn's `StandardScaler`: a zero standard deviation scales by 1).
///
/// Fitting sums each row block in `Double` and merges the blocks in order, so the
/// statistics do not depend on the thread count.
public struct Standardizer: Sendable {
  /// Per-feature mean and scale.
  public let mean: [Double], scale: [Double]

  /// Fits on `matrix` on the context's workers.
  ///
  /// - Complexity: two passes over `matrix`, O(blocks · D) extra memory.
  public init(fitting matrix: Matrix, context: ExecutionContext) {
    let n = Double(max(1, matrix.rows))
    let mean = Self.columnSums(matrix, context: context, around: nil).map { $0 / n }
    let squares = Self.columnSums(matrix, context: context, around: mean)
    self.mean = mean
    scale = squares.map { s in
      let std = (s / n).squareRoot()
      return std > 0 ? std : 1
    }
  }

  /// Rows per block of the column sums and the transform: about 4 MB, fixed by the
  /// shape so that block sums merged in order do not depend on the thread count.
  static func blockRows(columns: Int) -> Int { max(1, (4 << 20) / max(1, columns * MemoryLayout<Float>.stride)) }

  /// Per column, `Σ_i x_ij` (no `center`) or `Σ_i (x_ij − center_j)²`, summed per row block
  /// and merged in block order.
  private static func columnSums(_ matrix: Matrix, context: ExecutionContext, around center: [Double]?) -> [Double] {
    let d = matrix.columns, blockRows = Self.blockRows(columns: d)
    let partials = matrix.withView { x in
      context.parallelMap((matrix.rows + blockRows - 1) / blockRows) { block -> [Double] in
        let rows = (block * blockRows)..<min(matrix.rows, (block + 1) * blockRows)
        var partial = [Double](repeating: 0, count: d)
        ProbeKernels.addColumnSums(x.rowRange(rows), around: center, into: &partial)
        return partial
      }
    }
    var total = [Double](repeating: 0, count: d)
    for partial in partials { for j in 0..<d { total[j] += partial[j] } }
    return total
  }

  /// Whether standardising on the fly (``SoftmaxObjective``, ``LinearClassifier``) keeps
  /// enough `Float` precision: no feature's `|mean_j| / scale_j` exceeds 16, since that is
  /// about the factor lost against a standardised copy.
  public var allowsOnTheFly: Bool {
    zip(mean, scale).allSatisfy { abs($0) / $1 <= 16 }
  }

  /// A standardised copy of `matrix`, computed on the context's workers.
  public func transform(_ matrix: Matrix, context: ExecutionContext) -> Matrix {
    precondition(matrix.columns == mean.count, "standardizer fitted on \(mean.count) features, got \(matrix.columns)")
    var out = Matrix(rows: matrix.rows, columns: matrix.columns)
    let d = matrix.columns, blockRows = Self.blockRows(columns: d)
    let shift = mean.map { Float($0) }, factor = scale.map { Float(1 / $0) }
    matrix.withView { x in
      out.withMutableView { y in
        _ = context.parallelMap((matrix.rows + blockRows - 1) / blockRows) { block in
          let rows = (block * blockRows)..<min(matrix.rows, (block + 1) * blockRows)
          ProbeKernels.standardize(x.rowRange(rows), shift: shift, factor: factor, into: y.rowRange(rows))
        }
      }
    }
    return out
  }
}
