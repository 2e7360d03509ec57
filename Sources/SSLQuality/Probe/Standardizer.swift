// ssl-quality · Standardizer.swift — per-feature standardisation fitted on the train split.

import Dispatch

/// `(x − mean_j) / std_j` per feature, with mean and population standard deviation fitted on
/// one matrix (scikit-learn's `StandardScaler`: a zero standard deviation scales by 1).
public struct Standardizer: Sendable {
  /// Per-feature mean and scale.
  public let mean: [Double], scale: [Double]

  /// Fits on `matrix` (Double accumulation).
  ///
  /// - Complexity: O(N · D).
  public init(fitting matrix: Matrix) {
    let d = matrix.columns, n = Double(max(1, matrix.rows))
    var sum = [Double](repeating: 0, count: d)
    matrix.withUnsafeBufferPointer { x in
      for i in 0..<matrix.rows { for j in 0..<d { sum[j] += Double(x[i * d + j]) } }
    }
    let mean = sum.map { $0 / n }
    var squares = [Double](repeating: 0, count: d)
    matrix.withUnsafeBufferPointer { x in
      for i in 0..<matrix.rows {
        for j in 0..<d {
          let deviation = Double(x[i * d + j]) - mean[j]
          squares[j] += deviation * deviation
        }
      }
    }
    self.mean = mean
    scale = squares.map { s in
      let std = (s / n).squareRoot()
      return std > 0 ? std : 1
    }
  }

  /// A standardised copy of `matrix`.
  public func transform(_ matrix: Matrix) -> Matrix {
    precondition(matrix.columns == mean.count, "standardizer fitted on \(mean.count) features, got \(matrix.columns)")
    let out = Matrix(rows: matrix.rows, columns: matrix.columns)
    let d = matrix.columns
    let shift = mean.map { Float($0) }, factor = scale.map { Float(1 / $0) }
    matrix.withUnsafeBufferPointer { x in
      out.withUnsafeMutableBufferPointer { y in
        for i in 0..<matrix.rows {
          for j in 0..<d { y[i * d + j] = (x[i * d + j] - shift[j]) * factor[j] }
        }
      }
    }
    return out
  }
}
