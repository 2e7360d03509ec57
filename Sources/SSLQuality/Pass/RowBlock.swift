// ssl-quality · RowBlock.swift — consecutive rows handed to each accumulator of a pass.

/// Consecutive rows of a matrix, as a ``RowPass`` hands them to its accumulators: the
/// values (valid only during ``RowAccumulator/accumulate(_:into:)``) and, when an
/// accumulator asked for them, each row's ``RowMoments``.
public struct RowBlock {
  /// Index of the first row in the whole matrix.
  public let startRow: Int
  /// The rows' values, `rowCount × columns`.
  public let values: MatrixView
  /// Moments of each row (empty when no accumulator of the pass needs them).
  public let moments: [RowMoments]

  /// Number of rows.
  public var rowCount: Int { values.rows }
  /// Number of columns.
  public var columns: Int { values.columns }

  /// Entries to make room for in this block when the block before found `entries` over
  /// `rows` rows: as many per row, and an eighth to spare (0 after an empty block).
  func expectedEntries(after entries: Int, rows: Int) -> Int {
    rows == 0 ? 0 : entries * rowCount / rows * 9 / 8
  }
}
