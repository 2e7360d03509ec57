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

  /// Scans `values`, a row-major matrix of `columns` columns in any floating-point type
  /// (float64 inputs are scanned as they are: converting them to `Float` first would turn
  /// finite values above `Float.greatestFiniteMagnitude` into ±∞).
  ///
  /// - Precondition: `values.count == rows · columns`.
  public init<Scalar: BinaryFloatingPoint>(rowMajor values: [Scalar], rows: Int, columns: Int) {
    precondition(rows >= 0 && columns >= 0 && values.count == rows * columns, "NonFiniteRows: not a rows × columns matrix")
    self.init(indices: (0..<rows).filter { row in values[(row * columns)..<((row + 1) * columns)].contains { !$0.isFinite } }, rows: rows)
  }

  /// The offending rows `indices` (ascending, each below `rows`) of a matrix of `rows` rows.
  public init(indices: [Int], rows: Int) {
    precondition(zip(indices, indices.dropFirst()).allSatisfy { $0 < $1 } && (indices.last ?? -1) < rows, "ascending row indices")
    self.indices = indices
    self.rows = rows
  }

  /// The rows of `values` (one per row) that are NaN: the rows a pass left out (a Q-Score
  /// is NaN exactly for a row holding NaN or ±∞).
  public init(nanIn values: [Double]) {
    self.init(indices: values.indices.filter { values[$0].isNaN }, rows: values.count)
  }

  /// The rows offending in `self` or in `other`, for matrices of the same samples (two
  /// views, several representations) that must stay paired row for row.
  ///
  /// - Precondition: both describe matrices of the same number of rows.
  public func union(_ other: NonFiniteRows) -> NonFiniteRows {
    precondition(rows == other.rows, "NonFiniteRows: matrices of different row counts")
    return NonFiniteRows(indices: Set(indices).union(other.indices).sorted(), rows: rows)
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

  /// `values`, a row-major matrix of `columns` columns, without the offending rows.
  public func removing<T>(from values: [T], columns: Int) -> [T] {
    guard !indices.isEmpty else { return values }
    return kept.flatMap { values[($0 * columns)..<(($0 + 1) * columns)] }
  }

  /// `values` (one per row) without the entries of the offending rows.
  public func removing<T>(from values: [T]) -> [T] {
    guard !indices.isEmpty else { return values }
    return kept.map { values[$0] }
  }
}
