// ssl-quality · GramAccumulator.swift — the Gram / covariance sums of a streamed pass, merged the same way however the rows are split.

/// Gathers the ``SecondMoments`` of a matrix's rows block by block, in partial states that
/// merge to the same bits however the rows were split into blocks, segments or threads.
///
/// Floating-point addition is not associative, so the sums are added in one canonical
/// order fixed by the absolute row index alone: rows form *leaves* of ``leafRows`` rows
/// (`[k·leafRows, (k+1)·leafRows)`, the last one shorter), a leaf's sums come from one
/// BLAS `dsyrk` over exactly its rows, and leaves combine as a binary tree over aligned
/// pairs (`[2m, 2m+1]` at each level), whatever partial state held them. A partial state
/// keeps its complete tree nodes plus the raw rows of leaves it holds only in part, which
/// the neighbouring state completes when they are merged. ``Partial/moments`` adds the
/// remaining roots left to right.
///
/// Rows holding NaN or ±∞ are left out (and counted).
///
/// - Complexity: O(rows · D²) time (BLAS); a partial state holds O(log(rows / leafRows))
///   `D × D` sums and fewer than `2 · leafRows` raw rows.
public struct GramAccumulator: Sendable {
  /// Rows per leaf of the summation tree.
  public let leafRows: Int

  public init(leafRows: Int = 256) {
    precondition(leafRows > 0, "leafRows must be positive")
    self.leafRows = leafRows
  }

  /// A node of the summation tree: leaves `index · 2^level ..< (index + 1) · 2^level`.
  public struct Node: Sendable, Equatable, Codable {
    public var level: Int
    public var index: Int
    public var moments: SecondMoments
  }

  /// Raw rows of one leaf held only in part: `rows` rows starting at `startRow`.
  public struct Fragment: Sendable, Equatable, Codable {
    public var startRow: Int
    public var rows: Int
    public var values: [Float]
  }

  /// A piece of a partial state, in row order.
  public enum Piece: Sendable, Equatable, Codable {
    case node(Node)
    case fragment(Fragment)
  }

  /// The state of rows `startRow ..< startRow + rowCount`.
  public struct Partial: Sendable, Equatable, Codable {
    public let startRow: Int
    public private(set) var rowCount = 0
    public let columns: Int
    public let leafRows: Int
    /// Rows left out because they hold NaN or ±∞.
    public private(set) var nonFiniteRows = 0
    public private(set) var pieces: [Piece] = []

    init(startRow: Int, columns: Int, leafRows: Int) {
      self.startRow = startRow
      self.columns = columns
      self.leafRows = leafRows
    }

    /// One past the last row covered.
    public var endRow: Int { startRow + rowCount }

    /// Whether `next` continues these rows with the same columns and leaves.
    public func canAppend(_ next: Partial) -> Bool {
      next.startRow == endRow && next.columns == columns && next.leafRows == leafRows
    }

    /// Merges the state of the rows that follow.
    public mutating func append(_ next: Partial) {
      precondition(canAppend(next), "GramAccumulator: partial states are not adjacent or differ in shape")
      rowCount += next.rowCount
      nonFiniteRows += next.nonFiniteRows
      for piece in next.pieces { push(piece) }
    }

    /// Adds the rows of `values`, which start at `endRow`.
    mutating func add(rows values: MatrixView) {
      let count = values.rows
      var row = 0
      while row < count {
        let absolute = endRow + row
        let leaf = absolute / leafRows
        let leafEnd = (leaf + 1) * leafRows
        let take = min(count - row, leafEnd - absolute)
        let slice = values.rowRange(row..<(row + take))
        if absolute % leafRows == 0 && take == leafRows {
          push(.node(Node(level: 0, index: leaf, moments: leafMoments(slice))))
        } else {
          push(.fragment(Fragment(startRow: absolute, rows: take, values: slice.values)))
        }
        row += take
      }
      rowCount += count
    }

    /// The sums of every row covered: incomplete leaves are completed as they are (the last
    /// leaf of a matrix is shorter), the tree is closed, and its roots are added left to right.
    public var moments: SecondMoments {
      var closed = self
      closed.pieces = []
      for piece in pieces {
        switch piece {
        case .node: closed.push(piece)
        case .fragment(let fragment):
          closed.push(.node(Node(level: 0, index: fragment.startRow / leafRows, moments: leafMoments(fragment))))
        }
      }
      var total = SecondMoments(columns: columns)
      for case .node(let node) in closed.pieces { total.add(node.moments) }
      return total
    }

    /// The sums of one leaf's finite rows.
    private func leafMoments(_ values: MatrixView) -> SecondMoments {
      var sums = SecondMoments(columns: columns)
      let nonFinite = values.nonFiniteRowIndices()
      guard !nonFinite.isEmpty else {
        sums.add(rows: values)
        return sums
      }
      var finite: [Float] = []
      var skipped = nonFinite[...]
      for r in 0..<values.rows {
        if skipped.first == r {
          skipped.removeFirst()
        } else {
          finite.append(contentsOf: values.rowRange(r..<(r + 1)))
        }
      }
      Matrix(rows: finite.count / max(1, columns), columns: columns, values: finite).withView { sums.add(rows: $0) }
      return sums
    }

    /// The sums of a fragment's finite rows.
    private func leafMoments(_ fragment: Fragment) -> SecondMoments {
      Matrix(rows: fragment.rows, columns: columns, values: fragment.values).withView { leafMoments($0) }
    }

    /// Appends `piece` and merges what has become mergeable: fragments of one leaf join
    /// (and become a leaf node when complete); sibling nodes become their parent.
    private mutating func push(_ piece: Piece) {
      pieces.append(piece)
      while pieces.count >= 2 {
        let right = pieces[pieces.count - 1], left = pieces[pieces.count - 2]
        guard let merged = combine(left, right) else { break }
        pieces.removeLast(2)
        pieces.append(merged)
      }
      if case .fragment(let fragment) = pieces[pieces.count - 1], fragment.rows == leafRows {
        pieces[pieces.count - 1] = .node(Node(
          level: 0, index: fragment.startRow / leafRows,
          moments: leafMoments(fragment)))
        if pieces.count >= 2 {
          let last = pieces.removeLast()
          push(last)
        }
      }
    }

    private func combine(_ left: Piece, _ right: Piece) -> Piece? {
      switch (left, right) {
      case (.fragment(let a), .fragment(let b)) where a.startRow / leafRows == b.startRow / leafRows && a.startRow + a.rows == b.startRow:
        return .fragment(Fragment(startRow: a.startRow, rows: a.rows + b.rows, values: a.values + b.values))
      case (.node(let a), .node(let b)) where a.level == b.level && a.index % 2 == 0 && b.index == a.index + 1:
        var sums = a.moments
        sums.add(b.moments)
        return .node(Node(level: a.level + 1, index: a.index / 2, moments: sums))
      default:
        return nil
      }
    }

    mutating func countNonFinite(_ count: Int) { nonFiniteRows += count }
  }

  /// The state of no rows at `startRow`.
  public func emptyPartial(startRow: Int, columns: Int) -> Partial {
    Partial(startRow: startRow, columns: columns, leafRows: leafRows)
  }

  /// Folds the rows of `values`, which start at `partial.endRow`, into `partial`.
  package func accumulate(rows values: MatrixView, into partial: inout Partial) {
    precondition(values.columns == partial.columns, "GramAccumulator: \(values.columns) columns, expected \(partial.columns)")
    partial.countNonFinite(values.nonFiniteRowIndices().count)
    partial.add(rows: values)
  }
}
