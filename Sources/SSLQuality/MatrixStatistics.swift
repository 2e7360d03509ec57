// ssl-quality · MatrixStatistics.swift — value statistics and sanity counts of a matrix.

/// Statistics of a matrix's values and the sanity counts that Q-Score analysis checks
/// before scoring: all-zero rows, NaN/Inf entries, constant columns and the share of
/// negative entries.
///
/// `minimum`, `maximum`, `mean` and constant columns consider finite entries only; NaN and
/// Inf entries are counted separately. A column is constant when all of its finite entries
/// are equal (a column with no finite entry is not). The sum behind `mean` is exact until
/// the final division (``ExactSum``), so results do not depend on the thread count or on
/// how the rows were split.
public struct MatrixStatistics: Sendable, Equatable {
  /// Number of rows and columns examined.
  public var rows = 0, columns = 0
  /// Smallest and largest finite entry, `nil` when there is none.
  public var minimum: Float?, maximum: Float?
  /// Mean of the finite entries (0 when there is none).
  public var mean: Double = 0
  /// Counts of NaN entries, ±Inf entries and entries below zero.
  public var nanCount = 0, infinityCount = 0, negativeCount = 0
  /// Rows whose entries are all exactly zero.
  public var zeroRows = 0
  /// Rows holding at least one NaN or Inf, and the first few of their indices.
  public var nonFiniteRows = 0, firstNonFiniteRows: [Int] = []
  /// Columns whose finite entries are all equal.
  public var constantColumns = 0

  /// How many offending row indices are kept in ``firstNonFiniteRows``.
  public static let reportedRowLimit = 10

  /// Share of entries below zero, in [0, 1] (0 for an empty matrix).
  public var negativeShare: Double {
    rows * columns == 0 ? 0 : Double(negativeCount) / Double(rows * columns)
  }

  public init() {}

  /// Reads `source` once (a ``RowPass`` with ``ColumnStatistics``); `name` names it in
  /// progress events.
  ///
  /// - Complexity: O(rows · columns) time, O(threads · columns) extra memory.
  public static func compute(_ source: some RowSource, name: String = "", context: ExecutionContext) -> MatrixStatistics {
    guard source.rows > 0, source.columns > 0 else {
      // No entries: nothing to read, and no per-column state sized by an empty axis.
      var empty = MatrixStatistics()
      (empty.rows, empty.columns) = (source.rows, source.columns)
      empty.zeroRows = source.rows  // a row without entries is all zeros, as numpy's `all` says
      return empty
    }
    var pass = RowPass()
    let statistics = pass.add(ColumnStatistics())
    return pass.run(source, name: name, context: context)[statistics].statistics
  }
}
