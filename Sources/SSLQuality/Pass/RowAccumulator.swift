// ssl-quality · RowAccumulator.swift — what one streamed pass computes, as mergeable partial states.

/// Something a ``RowPass`` computes while it streams a matrix's rows once: row statistics,
/// activation counts, column statistics, or any quantity a caller adds.
///
/// An accumulator turns row blocks into a ``PartialState``: a value describing the rows
/// `startRow ..< startRow + rowCount` that merges exactly with the state of the rows that
/// follow. Because merging is exact (integer counts, concatenated per-row values,
/// ``ExactSum``s, minima, "seen two values" flags), a pass gives the same bits however the
/// rows are split: over threads, over row ranges of one file, or over several machines
/// whose partial states are written to files (partial states are `Codable`) and merged.
///
/// A minimal accumulator, counting rows whose largest entry exceeds a limit:
///
/// ```swift
/// struct RowsAbove: RowAccumulator {
///   var limit: Float
///   struct Partial: PartialState {
///     var startRow: Int, rowCount = 0, columns: Int, count = 0
///     mutating func append(_ next: Partial) {
///       rowCount += next.rowCount
///       count += next.count
///     }
///   }
///   func emptyPartial(startRow: Int, columns: Int) -> Partial { Partial(startRow: startRow, columns: columns) }
///   func accumulate(_ block: RowBlock, into partial: inout Partial) {
///     for row in 0..<block.rowCount where block.moments[row].maximum > limit { partial.count += 1 }
///     partial.rowCount += block.rowCount
///   }
/// }
/// ```
public protocol RowAccumulator: Sendable {
  /// The state of a contiguous range of rows.
  associatedtype Partial: PartialState

  /// Whether ``accumulate(_:into:)`` reads ``RowBlock/moments`` (the pass computes them
  /// only when some accumulator does). Defaults to `true`.
  var needsRowMoments: Bool { get }

  /// Whether ``accumulate(_:into:)`` reads the moments' spread (``RowMoments/sumOfSquares``
  /// and ``RowMoments/std``), which costs the scan a multiply-add per entry; without it
  /// they are NaN. Defaults to `true`.
  var needsRowSpread: Bool { get }

  /// Whether ``accumulate(_:into:)`` reads the rows' extremes (``RowMoments/minimum``
  /// and ``RowMoments/maximum``), which cost the scan two comparisons per 8 entries;
  /// without them they are NaN. Defaults to `true`.
  var needsRowExtremes: Bool { get }

  /// The state of no rows, placed at `startRow` of a matrix with `columns` columns.
  func emptyPartial(startRow: Int, columns: Int) -> Partial

  /// Folds `block`, whose first row is `partial`'s ``PartialState/endRow``, into `partial`.
  func accumulate(_ block: RowBlock, into partial: inout Partial)
}

extension RowAccumulator {
  public var needsRowMoments: Bool { true }
  public var needsRowSpread: Bool { true }
  public var needsRowExtremes: Bool { true }
}

/// The state of an accumulator over the rows `startRow ..< startRow + rowCount`.
///
/// ``append(_:)`` must be exact and associative: `(a ∘ b) ∘ c == a ∘ (b ∘ c)` bit for bit,
/// and equal to the state of one pass over the same rows.
public protocol PartialState: Codable, Sendable {
  /// First row covered (in the whole matrix, so shards of one file keep their place).
  var startRow: Int { get }
  /// Number of rows covered.
  var rowCount: Int { get }
  /// Number of columns of the matrix.
  var columns: Int { get }

  /// Whether `next` can be appended: it starts at ``endRow``, has the same columns and
  /// was computed with the same parameters. The default checks rows and columns.
  func canAppend(_ next: Self) -> Bool

  /// Merges in the state of the rows that follow.
  ///
  /// - Precondition: ``canAppend(_:)``.
  mutating func append(_ next: Self)
}

extension PartialState {
  /// One past the last row covered.
  public var endRow: Int { startRow + rowCount }

  /// Whether `next` starts at ``endRow`` with the same number of columns.
  public func isFollowed(by next: Self) -> Bool { next.startRow == endRow && next.columns == columns }

  public func canAppend(_ next: Self) -> Bool { isFollowed(by: next) }

  /// Merges states of adjacent row ranges, given in any order (e.g. read from shard files).
  ///
  /// - Throws: ``PartialStateError`` when `parts` is empty, leaves a gap or overlap, or
  ///   mixes columns or parameters.
  public static func merging(_ parts: [Self]) throws(PartialStateError) -> Self {
    let ordered = parts.sorted { $0.startRow < $1.startRow }
    guard var merged = ordered.first else { throw .empty }
    for part in ordered.dropFirst() {
      guard part.startRow == merged.endRow else { throw .notContiguous(expectedStartRow: merged.endRow, startRow: part.startRow) }
      guard merged.canAppend(part) else { throw .incompatible(startRow: part.startRow) }
      merged.append(part)
    }
    return merged
  }
}

/// Why partial states could not be merged.
public enum PartialStateError: Error, Equatable, CustomStringConvertible {
  /// No states were given.
  case empty
  /// A state starts at `startRow` where the merged rows end at `expectedStartRow`.
  case notContiguous(expectedStartRow: Int, startRow: Int)
  /// The state starting at `startRow` has other columns or parameters.
  case incompatible(startRow: Int)

  public var description: String {
    switch self {
    case .empty: "no partial states to merge"
    case .notContiguous(let expected, let start):
      start < expected
        ? "partial states overlap: one starts at row \(start) but the rows before it end at \(expected)"
        : "partial states leave a gap: rows \(expected)..<\(start) are missing"
    case .incompatible(let start): "the partial state starting at row \(start) has other columns or parameters"
    }
  }
}
