// ssl-quality · GramAccumulator.swift — the Gram / covariance sums of a streamed pass, merged the same way however the rows are split.

/// Gathers the ``SecondMoments`` of a matrix's rows block by block, in partial states that
/// merge to the same bits however the rows were split into blocks, segments, threads or
/// (later) processes.
///
/// Floating-point addition is not associative, so the sums are added in one canonical
/// order fixed by the absolute row index alone:
///
/// - rows form *leaves* of ``leafRows`` rows (`[k·leafRows, (k+1)·leafRows)`, the last one
///   shorter); a leaf's sums are built in place, one ``SecondMoments/add(rows:)`` (one
///   ``BLAS/addGram(_:rows:columns:into:)``) per *chunk* of ``chunkRows`` rows counted from
///   the leaf's first row, in row order;
/// - complete leaves combine as a binary tree over aligned pairs (`[2m, 2m+1]` at each
///   level), each pair as soon as both are complete, whatever partial state held them.
///
/// A partial state keeps its complete tree nodes, the *open* leaf it is filling (which it
/// started at the leaf's first row) and the raw rows of a leaf it holds only in part
/// without its first row (a fragment), which the state before it completes when they are
/// merged. ``Partial/moments`` closes the last leaf and adds the remaining roots left to right.
///
/// Rows holding NaN or ±∞ are left out (and counted).
///
/// - Complexity: O(rows · D²) time (BLAS). A state filled in row order holds at most
///   `⌊log₂(leaves)⌋ + 1` sums of `D × D` (``Partial/liveSums``): while leaf `k` is open,
///   the complete leaves `0..<k` are one node per 1-bit of `k`. Besides them: fewer than ``chunkRows`` raw rows in the open
///   leaf, and fewer than ``leafRows`` raw rows of a leaf begun by the state before.
public struct GramAccumulator: Sendable {
  /// Rows per leaf of the summation tree.
  public let leafRows: Int
  /// Rows per Gram update inside a leaf (at most ``leafRows``).
  public let chunkRows: Int

  public init(leafRows: Int = 1024, chunkRows: Int = 1024) {
    precondition(leafRows > 0 && chunkRows > 0, "leafRows and chunkRows must be positive")
    self.leafRows = leafRows
    self.chunkRows = min(chunkRows, leafRows)
  }

  /// Rows per chunk of ``forColumns(_:)``: large enough that a chunk's Gram update costs far
  /// more than reading and writing the `D × D` sums it updates.
  public static let defaultChunkRows = 1024

  /// The accumulator for `columns` columns: leaves of at least `columns` rows (a multiple of
  /// ``defaultChunkRows``), so a matrix of `n` rows has at most `n / columns` leaves and a
  /// state holds at most `⌊log₂(n / columns)⌋ + 1` sums of `8 · columns²` bytes; adding two
  /// leaves (`D²/2` additions) costs under `1/D` of their products.
  public static func forColumns(_ columns: Int) -> GramAccumulator {
    let chunk = defaultChunkRows
    return GramAccumulator(leafRows: max(chunk, (columns + chunk - 1) / chunk * chunk), chunkRows: chunk)
  }

  /// A node of the summation tree: leaves `index · 2^level ..< (index + 1) · 2^level`.
  /// `Codable` as (part of) a row pass's partial state, to be written out and merged across shards.
  public struct Node: Sendable, Equatable, Codable {
    public var level: Int
    public var index: Int
    public var moments: SecondMoments
  }

  /// Raw rows of one leaf held only in part, without its first row: `rows` rows starting at `startRow`.
  /// `Codable` as (part of) a row pass's partial state, to be written out and merged across shards.
  public struct Fragment: Sendable, Equatable, Codable {
    public var startRow: Int
    public var rows: Int
    public var values: [Float]
  }

  /// A leaf being filled from its first row: the sums of its complete chunks and the raw
  /// rows of the chunk begun.
  /// `Codable` as (part of) a row pass's partial state, to be written out and merged across shards.
  public struct OpenLeaf: Sendable, Equatable, Codable {
    /// The first row of the leaf (or of a fragment closed on its own, see ``Partial/moments``).
    public let startRow: Int
    public let index: Int
    public let chunkRows: Int
    /// Rows covered, including the pending ones.
    public private(set) var rows = 0
    public private(set) var moments: SecondMoments
    /// Rows after the last complete chunk, row-major.
    public private(set) var pending: [Float] = []

    init(startRow: Int, index: Int, columns: Int, chunkRows: Int) {
      self.startRow = startRow
      self.index = index
      self.chunkRows = chunkRows
      moments = SecondMoments(columns: columns)
    }

    /// One past the last row covered.
    var endRow: Int { startRow + rows }

    /// Adds the rows of `values`, which start at ``endRow``: whole chunks go straight to the
    /// sums, the rest waits in ``pending``.
    mutating func feed(_ values: MatrixView) {
      let columns = moments.columns, count = values.rows
      var row = 0
      if !pending.isEmpty {
        let take = min(count, chunkRows - pending.count / max(1, columns))
        pending.append(contentsOf: values.rowRange(0..<take).values)
        row = take
        if pending.count == chunkRows * columns { flush() }
      }
      while count - row >= chunkRows {
        addChunk(values.rowRange(row..<(row + chunkRows)))
        row += chunkRows
      }
      if row < count { pending.append(contentsOf: values.rowRange(row..<count).values) }
      rows += count
    }

    /// The finished leaf: the pending rows are its last, shorter chunk.
    consuming func closed() -> Node {
      if !pending.isEmpty { flush() }
      return Node(level: 0, index: index, moments: moments)
    }

    private mutating func flush() {
      let columns = moments.columns
      let chunk = Matrix(rows: pending.count / max(1, columns), columns: columns, values: pending)
      pending = []
      chunk.withView { addChunk($0) }
    }

    /// The sums of one chunk's finite rows.
    private mutating func addChunk(_ values: MatrixView) {
      let nonFinite = values.nonFiniteRowIndices()
      guard !nonFinite.isEmpty else {
        moments.add(rows: values)
        return
      }
      var finite: [Float] = []
      var skipped = nonFinite[...]
      for r in 0..<values.rows {
        if skipped.first == r {
          skipped.removeFirst()
        } else {
          finite.append(contentsOf: values.rowRange(r..<(r + 1)).values)
        }
      }
      let columns = moments.columns
      Matrix(rows: finite.count / max(1, columns), columns: columns, values: finite).withView { moments.add(rows: $0) }
    }
  }

  /// A piece of a partial state, in row order.
  /// `Codable` as (part of) a row pass's partial state, to be written out and merged across shards.
  public enum Piece: Sendable, Equatable, Codable {
    case node(Node)
    case fragment(Fragment)
  }

  /// The state of rows `startRow ..< startRow + rowCount`.
  /// `Codable` as (part of) a row pass's partial state, to be written out and merged across shards.
  public struct Partial: Sendable, Equatable, Codable {
    public let startRow: Int
    public private(set) var rowCount = 0
    public let columns: Int
    public let leafRows: Int
    public let chunkRows: Int
    /// Rows left out because they hold NaN or ±∞.
    public private(set) var nonFiniteRows = 0
    /// Complete nodes and fragments, in row order.
    public private(set) var pieces: [Piece] = []
    /// The leaf being filled, after every piece.
    public private(set) var open: OpenLeaf?

    init(startRow: Int, columns: Int, leafRows: Int, chunkRows: Int) {
      self.startRow = startRow
      self.columns = columns
      self.leafRows = leafRows
      self.chunkRows = chunkRows
    }

    /// One past the last row covered.
    public var endRow: Int { startRow + rowCount }

    /// The `D × D` sums this state holds: its tree nodes and its open leaf.
    public var liveSums: Int {
      pieces.count { if case .node = $0 { true } else { false } } + (open == nil ? 0 : 1)
    }

    /// Whether `next` continues these rows with the same columns, leaves and chunks.
    public func canAppend(_ next: Partial) -> Bool {
      next.startRow == endRow && next.columns == columns && next.leafRows == leafRows && next.chunkRows == chunkRows
    }

    /// Merges the state of the rows that follow.
    public mutating func append(_ next: Partial) {
      precondition(canAppend(next), "GramAccumulator: partial states are not adjacent or differ in shape")
      rowCount += next.rowCount
      nonFiniteRows += next.nonFiniteRows
      for piece in next.pieces { push(piece) }
      if let leaf = next.open {
        precondition(open == nil, "GramAccumulator: a leaf begun twice")
        open = leaf
      }
    }

    /// Adds the rows of `values`, which start at `endRow`.
    mutating func add(rows values: MatrixView) {
      let count = values.rows
      var row = 0
      while row < count {
        let absolute = endRow + row
        let leaf = absolute / leafRows
        let take = min(count - row, (leaf + 1) * leafRows - absolute)
        let slice = values.rowRange(row..<(row + take))
        if let end = open?.endRow, end == absolute {
          open?.feed(slice)
        } else if absolute % leafRows == 0 {
          var begun = OpenLeaf(startRow: absolute, index: leaf, columns: columns, chunkRows: chunkRows)
          begun.feed(slice)
          open = begun
        } else {
          push(.fragment(Fragment(startRow: absolute, rows: take, values: slice.values)))
        }
        if open?.rows == leafRows, let leaf = open.take() { push(.node(leaf.closed())) }
        row += take
      }
      rowCount += count
    }

    /// The sums of every row covered: the open leaf is closed as it is (the last leaf of a
    /// matrix is shorter), so is a fragment on its own, the tree is closed, and its roots
    /// are added left to right.
    public var moments: SecondMoments {
      var closing = self
      return closing.close()
    }

    /// ``moments``, taking the sums out of this state (left empty), so they are not copied.
    public mutating func close() -> SecondMoments {
      if let leaf = open.take() { push(.node(leaf.closed())) }
      var roots: [Piece] = []
      swap(&roots, &pieces)
      if roots.contains(where: { if case .fragment = $0 { true } else { false } }) {
        for piece in roots {
          switch piece {
          case .node: push(piece)
          case .fragment(let fragment):
            var leaf = OpenLeaf(startRow: fragment.startRow, index: fragment.startRow / leafRows, columns: columns, chunkRows: chunkRows)
            Matrix(rows: fragment.rows, columns: columns, values: fragment.values).withView { leaf.feed($0) }
            push(.node(leaf.closed()))
          }
        }
        roots = []
        swap(&roots, &pieces)
      }
      var total: SecondMoments?
      while !roots.isEmpty {
        guard case .node(let node) = roots.removeFirst() else { continue }
        if total == nil { total = node.moments } else { total?.add(node.moments) }
      }
      return total ?? SecondMoments(columns: columns)
    }

    /// Appends `piece` and merges what has become mergeable: fragments of one leaf join,
    /// the open leaf takes the fragment that continues it, sibling nodes become their parent.
    private mutating func push(_ piece: Piece) {
      if case .fragment(let fragment) = piece, let end = open?.endRow {
        precondition(end == fragment.startRow, "GramAccumulator: rows after the open leaf do not continue it")
        Matrix(rows: fragment.rows, columns: columns, values: fragment.values).withView { open?.feed($0) }
        if open?.rows == leafRows, let leaf = open.take() { push(.node(leaf.closed())) }
        return
      }
      pieces.append(piece)
      while pieces.count >= 2 {
        var right = pieces.removeLast(), left = pieces.removeLast()
        if case .fragment(let a) = left, case .fragment(let b) = right, a.startRow / leafRows == b.startRow / leafRows,
          a.startRow + a.rows == b.startRow
        {
          pieces.append(.fragment(Fragment(startRow: a.startRow, rows: a.rows + b.rows, values: a.values + b.values)))
        } else if let (level, index) = left.nodePlace, let (rightLevel, rightIndex) = right.nodePlace, level == rightLevel,
          index % 2 == 0, rightIndex == index + 1, var a = left.takeNode(), let b = right.takeNode()
        {
          a.moments.add(b.moments)
          a.level += 1
          a.index /= 2
          pieces.append(.node(a))
        } else {
          pieces.append(left)
          pieces.append(right)
          break
        }
      }
    }
  }
}

extension GramAccumulator {
  /// The state of no rows at `startRow`.
  public func emptyPartial(startRow: Int, columns: Int) -> Partial {
    Partial(startRow: startRow, columns: columns, leafRows: leafRows, chunkRows: chunkRows)
  }

  /// Folds the rows of `values`, which start at `partial.endRow`, into `partial`.
  package func accumulate(rows values: MatrixView, into partial: inout Partial) {
    precondition(values.columns == partial.columns, "GramAccumulator: \(values.columns) columns, expected \(partial.columns)")
    partial.countNonFinite(values.nonFiniteRowIndices().count)
    partial.add(rows: values)
  }
}

extension GramAccumulator.Partial {
  mutating func countNonFinite(_ count: Int) { nonFiniteRows += count }
}

extension GramAccumulator.Piece {
  /// The level and index of a node; `nil` for a fragment.
  var nodePlace: (level: Int, index: Int)? {
    if case .node(let node) = self { (node.level, node.index) } else { nil }
  }

  /// The node, leaving an empty fragment in its place, so the node's sums are not shared
  /// and adding to them does not copy them.
  mutating func takeNode() -> GramAccumulator.Node? {
    guard case .node(let node) = self else { return nil }
    self = .fragment(GramAccumulator.Fragment(startRow: 0, rows: 0, values: []))
    return node
  }
}
