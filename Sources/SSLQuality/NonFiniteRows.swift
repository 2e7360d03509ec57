// ssl-quality · NonFiniteRows.swift — rows holding NaN or ±∞, found once and left out the same way everywhere.

/// The rows of a matrix that hold at least one NaN or ±∞ entry.
///
/// Every command treats such rows alike: they are left out of the computation with a
/// warning naming the file, their number and the first ``MatrixStatistics/reportedRowLimit``
/// indices, or the run is refused (`--strict`). A row is never silently turned into a
/// prediction, a class or a score.
public struct NonFiniteRows: Sendable, Equatable {
  /// Indices of the offending rows, ascending.
  public var indices: [Int]
  /// Number of rows examined.
  public var rows: Int

  /// Scans `matrix` once.
  ///
  /// - Complexity: O(rows · columns), no allocation beyond the indices found.
  public init(_ matrix: Matrix) {
    rows = matrix.rows
    indices = matrix.nonFiniteRowIndices()
  }

  /// Number of offending rows.
  public var count: Int { indices.count }

  /// The first offending rows, as reported in messages.
  public var first: [Int] { Array(indices.prefix(MatrixStatistics.reportedRowLimit)) }

  /// The rows to keep, ascending.
  public var kept: [Int] {
    var keep: [Int] = []
    keep.reserveCapacity(rows - indices.count)
    var next = 0
    for row in 0..<rows {
      if next < indices.count, indices[next] == row {
        next += 1
      } else {
        keep.append(row)
      }
    }
    return keep
  }

  /// `matrix` without the offending rows (the matrix itself when there are none).
  public func removing(from matrix: Matrix) -> Matrix {
    guard !indices.isEmpty else { return matrix }
    let keep = kept
    var out = Matrix(rows: keep.count, columns: matrix.columns)
    out.copyRows(keep, of: matrix)
    return out
  }

  /// `values` (one per row) without the entries of the offending rows.
  public func removing<T>(from values: [T]) -> [T] {
    guard !indices.isEmpty else { return values }
    return kept.map { values[$0] }
  }
}
