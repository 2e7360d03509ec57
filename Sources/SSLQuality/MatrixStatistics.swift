// ssl-quality · MatrixStatistics.swift — value statistics and sanity counts in one pass.

/// Statistics of a matrix's values and the sanity counts that Q-Score analysis checks
/// before scoring (SPEC §2): all-zero rows, NaN/Inf entries, constant columns and the share
/// of negative entries.
///
/// `minimum`, `maximum`, `mean` and constant columns consider finite entries only; NaN and
/// Inf entries are counted separately. A column is constant when all of its finite entries
/// are equal (a column with no finite entry is not). The sum behind `mean` is accumulated
/// in `Double` per row block and merged in block order, so results do not depend on the
/// thread count.
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

  /// Reads `source` once, in row blocks on `threads` workers.
  ///
  /// - Complexity: O(rows · columns) time, O(threads · columns) extra memory.
  /// `progress`, when given, is called from worker threads with the rows of each finished block.
  public static func compute(
    _ source: some RowSource, threads: Int, progress: (@Sendable (Int) -> Void)? = nil
  ) -> MatrixStatistics {
    let chunks = RowChunks(rows: source.rows, columns: source.columns)
    let accumulator = Accumulator(chunks: chunks, columns: source.columns, threads: threads)
    chunks.forEach(source, threads: threads) { block, rows, elements, worker in
      accumulator.add(block: block, rows: rows, elements: elements, worker: worker)
      progress?(rows.count)
    }
    return accumulator.result()
  }

  /// Statistics gathered block by block inside another pass over the same rows (the
  /// Q-Score pass folds its sanity checks in this way, reading the matrix once).
  final class Accumulator: @unchecked Sendable {
    private let chunks: RowChunks
    private let columns: Int
    private let blocks: BlockResults<BlockSummary>
    private let workers: [ColumnRange]

    init(chunks: RowChunks, columns: Int, threads: Int) {
      self.chunks = chunks
      self.columns = columns
      blocks = BlockResults(count: chunks.count)
      workers = (0..<max(1, threads)).map { _ in ColumnRange(columns: columns) }
    }

    /// Adds one block; call once per block, from the worker that owns it.
    func add(block: Int, rows: Range<Int>, elements: UnsafeBufferPointer<Float>, worker: Int) {
      blocks[block] = BlockSummary(rows: rows, elements: elements, columns: columns, columnRange: workers[worker])
    }

    /// Records a block summarised by the caller, whose rows went through `columnRange(worker)`.
    func set(block: Int, summary: BlockSummary) { blocks[block] = summary }

    /// The column ranges worker `worker` folds its rows into.
    func columnRange(_ worker: Int) -> ColumnRange { workers[worker] }

    /// The statistics of every block added, merged in block order.
    func result() -> MatrixStatistics {
      var result = MatrixStatistics()
      result.rows = chunks.rows
      result.columns = columns
      var sum = 0.0, finite = 0
      for block in blocks.inOrder {
        sum += block.sum
        finite += block.finiteCount
        result.nanCount += block.nanCount
        result.infinityCount += block.infinityCount
        result.negativeCount += block.negativeCount
        result.zeroRows += block.zeroRows
        result.nonFiniteRows += block.nonFiniteRowCount
        let room = reportedRowLimit - result.firstNonFiniteRows.count
        result.firstNonFiniteRows += block.nonFiniteRows.prefix(max(0, room))
        if let low = block.minimum { result.minimum = min(result.minimum ?? low, low) }
        if let high = block.maximum { result.maximum = max(result.maximum ?? high, high) }
      }
      result.mean = finite == 0 ? 0 : sum / Double(finite)
      result.constantColumns = ColumnRange.constantCount(workers)
      return result
    }
  }
}

/// Which columns one worker has seen take two different finite values. A column's first
/// finite value is its reference; once every column of an 8-column group has varied, the
/// group is skipped, so after the first rows the check costs one byte per 8 columns.
final class ColumnRange: @unchecked Sendable {
  /// First finite value per column (NaN until one is seen).
  let reference: UnsafeMutablePointer<Float>
  /// Per column: non-zero once a different finite value was seen.
  let varied: UnsafeMutablePointer<Int32>
  /// Per full group of 8 columns: whether all of them have varied.
  let groupVaried: UnsafeMutablePointer<Bool>
  let columns: Int
  /// Number of full groups that have varied; once all have, rows need no tracking.
  private(set) var variedGroups = 0

  /// Whether every full group of 8 columns has varied (the scalar tail is tracked apart).
  var allGroupsVaried: Bool { variedGroups == columns / 8 }

  init(columns: Int) {
    self.columns = columns
    let capacity = max(1, columns)
    reference = .allocate(capacity: capacity)
    reference.initialize(repeating: .nan, count: capacity)
    varied = .allocate(capacity: capacity)
    varied.initialize(repeating: 0, count: capacity)
    groupVaried = .allocate(capacity: capacity / 8 + 1)
    groupVaried.initialize(repeating: false, count: capacity / 8 + 1)
  }

  deinit {
    reference.deallocate()
    varied.deallocate()
    groupVaried.deallocate()
  }

  /// Folds the 8 values `v` of columns `j..<j+8` into the tracking (until they all varied).
  @inline(__always)
  func observe(_ v: SIMD8<Float>, group j: Int) {
    let referenceRaw = UnsafeMutableRawPointer(reference + j), variedRaw = UnsafeMutableRawPointer(varied + j)
    let isFinite = (v - v) .== 0
    var current = referenceRaw.loadUnaligned(as: SIMD8<Float>.self)
    let unset = current .!= current
    let differs = isFinite .& .!unset .& (v .!= current)
    current.replace(with: v, where: unset .& isFinite)
    referenceRaw.storeBytes(of: current, as: SIMD8<Float>.self)
    var flags = variedRaw.loadUnaligned(as: SIMD8<Int32>.self)
    flags.replace(with: 1, where: differs)
    variedRaw.storeBytes(of: flags, as: SIMD8<Int32>.self)
    if flags.min() != 0, !groupVaried[j / 8] {
      groupVaried[j / 8] = true
      variedGroups += 1
    }
  }

  /// Folds one finite-or-not value into column `j` (the scalar tail of a row).
  @inline(__always)
  func observe(_ value: Float, column j: Int) {
    guard value.isFinite else { return }
    if reference[j].isNaN {
      reference[j] = value
    } else if reference[j] != value {
      varied[j] = 1
    }
  }

  /// Columns whose finite values, across every worker, are all equal (and exist).
  static func constantCount(_ ranges: [ColumnRange]) -> Int {
    guard let columns = ranges.first?.columns else { return 0 }
    var count = 0
    for j in 0..<columns {
      var value = Float.nan, constant = true
      for range in ranges {
        if range.varied[j] != 0 { constant = false; break }
        let r = range.reference[j]
        if r.isNaN { continue }
        if value.isNaN { value = r } else if value != r { constant = false; break }
      }
      if constant && !value.isNaN { count += 1 }
    }
    return count
  }
}

/// What one scan of a row finds: the facts both value statistics and the Q-Score pass need.
struct RowFacts {
  /// Sum of the finite entries and of their squares, in Double (a float's square is
  /// exact in Double).
  var sum: Double, sumOfSquares: Double
  var nanCount: Int, nonFiniteCount: Int, negativeCount: Int
  var anyNonZero: Bool
  /// Smallest and largest finite entry (±∞ when there is none).
  var low: Float, high: Float

  typealias Lanes = SIMD8<Float>

  /// Scans `columns` floats at `row` once, folding values into the per-column constancy
  /// tracking `range` (owned by the calling worker) until every column has varied.
  ///
  /// The pass keeps only sums and extremes: a NaN or ±∞ makes the `Double` sum
  /// non-finite (a sum of finite floats cannot overflow a `Double`), so such a row is
  /// scanned again with masking (rare); an all-zero row has both extremes 0; negative
  /// entries are counted in a second pass only when the smallest entry is negative.
  @inline(__always)
  init(row: UnsafePointer<Float>, columns: Int, range: ColumnRange) {
    let lanes = Lanes.scalarCount, vectorEnd = columns - columns % lanes
    let raw = UnsafeRawPointer(row)
    var rowSum = SIMD8<Double>(), rowSquares = SIMD8<Double>()
    var oddSum = SIMD8<Double>(), oddSquares = SIMD8<Double>()  // a second chain: the adds are latency-bound
    var rowLow = Lanes(repeating: .infinity), rowHigh = Lanes(repeating: -.infinity)
    @inline(__always) func fold(_ v: Lanes, into sum: inout SIMD8<Double>, _ squares: inout SIMD8<Double>) {
      let wide = SIMD8<Double>(v)
      sum += wide
      squares.addProduct(wide, wide)
      rowLow.replace(with: v, where: v .< rowLow)
      rowHigh.replace(with: v, where: v .> rowHigh)
    }
    let tracking = !range.allGroupsVaried
    let pairEnd = columns - columns % (2 * lanes)
    var j = 0
    while j < pairEnd {
      let v = raw.loadUnaligned(fromByteOffset: j * 4, as: Lanes.self)
      let w = raw.loadUnaligned(fromByteOffset: (j + lanes) * 4, as: Lanes.self)
      fold(v, into: &rowSum, &rowSquares)
      fold(w, into: &oddSum, &oddSquares)
      if tracking {
        if !range.groupVaried[j / lanes] { range.observe(v, group: j) }
        if !range.groupVaried[j / lanes + 1] { range.observe(w, group: j + lanes) }
      }
      j += 2 * lanes
    }
    while j < vectorEnd {
      let v = raw.loadUnaligned(fromByteOffset: j * 4, as: Lanes.self)
      fold(v, into: &rowSum, &rowSquares)
      if tracking, !range.groupVaried[j / lanes] { range.observe(v, group: j) }
      j += lanes
    }
    sum = (rowSum + oddSum).sum()
    sumOfSquares = (rowSquares + oddSquares).sum()
    low = rowLow.min()
    high = rowHigh.max()
    for k in j..<columns {
      let v = row[k]
      range.observe(v, column: k)
      sum += Double(v)
      sumOfSquares += Double(v) * Double(v)
      low = min(low, v)
      high = max(high, v)
    }
    nanCount = 0
    nonFiniteCount = 0
    anyNonZero = !(low == 0 && high == 0)
    negativeCount = low < 0 ? Self.negatives(row, columns: columns) : 0
    if !sum.isFinite { self = RowFacts.masked(row, columns: columns) }
  }

  /// Number of entries below zero.
  private static func negatives(_ row: UnsafePointer<Float>, columns: Int) -> Int {
    let lanes = Lanes.scalarCount, vectorEnd = columns - columns % lanes
    let raw = UnsafeRawPointer(row)
    var counts = SIMD8<Int32>()
    var j = 0
    while j < vectorEnd {
      counts &-= unsafeBitCast(raw.loadUnaligned(fromByteOffset: j * 4, as: Lanes.self) .< 0, to: SIMD8<Int32>.self)
      j += lanes
    }
    var count = Int(counts.wrappedSum())
    for k in j..<columns where row[k] < 0 { count += 1 }
    return count
  }

  private init() {
    (sum, sumOfSquares, nanCount, nonFiniteCount, negativeCount, anyNonZero, low, high) = (0, 0, 0, 0, 0, false, .infinity, -.infinity)
  }

  /// The masked scan of a row holding NaN or Inf: sums and extremes of its finite entries.
  private static func masked(_ row: UnsafePointer<Float>, columns: Int) -> RowFacts {
    var facts = RowFacts()
    for j in 0..<columns {
      let v = row[j]
      if v.isNaN { facts.nanCount += 1 }
      if v.isFinite {
        facts.sum += Double(v)
        facts.sumOfSquares += Double(v) * Double(v)
        facts.low = min(facts.low, v)
        facts.high = max(facts.high, v)
      } else {
        facts.nonFiniteCount += 1
      }
      if v < 0 { facts.negativeCount += 1 }
      if v != 0 { facts.anyNonZero = true }
    }
    return facts
  }
}

/// Partial statistics of one row block, built row by row from ``RowFacts``.
struct BlockSummary {
  var sum = 0.0
  var finiteCount = 0, nanCount = 0, infinityCount = 0, negativeCount = 0, zeroRows = 0
  var nonFiniteRowCount = 0
  /// The first few rows holding NaN or Inf.
  var nonFiniteRows: [Int] = []
  var minimum: Float?, maximum: Float?

  /// Adds row `row` of `columns` entries.
  @inline(__always)
  mutating func add(row: Int, facts: RowFacts, columns: Int) {
    sum += facts.sum
    nanCount += facts.nanCount
    infinityCount += facts.nonFiniteCount - facts.nanCount
    finiteCount += columns - facts.nonFiniteCount
    negativeCount += facts.negativeCount
    if !facts.anyNonZero { zeroRows += 1 }
    if facts.nonFiniteCount > 0 {
      nonFiniteRowCount += 1
      if nonFiniteRows.count < MatrixStatistics.reportedRowLimit { nonFiniteRows.append(row) }
    }
    if facts.low <= facts.high {
      minimum = min(minimum ?? facts.low, facts.low)
      maximum = max(maximum ?? facts.high, facts.high)
    }
  }

  /// Scans every row of a block.
  init(rows: Range<Int>, elements: UnsafeBufferPointer<Float>, columns: Int, columnRange: ColumnRange) {
    guard columns > 0 else { return }
    for (offset, row) in rows.enumerated() {
      add(row: row, facts: RowFacts(row: elements.baseAddress! + offset * columns, columns: columns, range: columnRange), columns: columns)
    }
  }

  init() {}
}
