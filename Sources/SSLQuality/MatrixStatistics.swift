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
      result.constantColumns = ColumnRange.merged(workers).constantCount
      return result
    }
  }
}

/// Per-column smallest and largest finite value seen by one worker.
final class ColumnRange: @unchecked Sendable {
  var low: [Float]
  var high: [Float]

  init(columns: Int) {
    low = [Float](repeating: .infinity, count: columns)
    high = [Float](repeating: -.infinity, count: columns)
  }

  static func merged(_ ranges: [ColumnRange]) -> ColumnRange {
    let total = ColumnRange(columns: ranges.first?.low.count ?? 0)
    for range in ranges {
      for j in total.low.indices {
        total.low[j] = min(total.low[j], range.low[j])
        total.high[j] = max(total.high[j], range.high[j])
      }
    }
    return total
  }

  /// Columns with at least one finite value, all equal.
  var constantCount: Int { zip(low, high).count { $0 == $1 } }
}

/// Partial statistics of one row block.
private struct BlockSummary {
  var sum = 0.0
  var finiteCount = 0, nanCount = 0, infinityCount = 0, negativeCount = 0, zeroRows = 0
  var nonFiniteRowCount = 0
  /// The first few rows holding NaN or Inf.
  var nonFiniteRows: [Int] = []
  var minimum: Float?, maximum: Float?

  typealias Lanes = SIMD8<Float>

  init(rows: Range<Int>, elements: UnsafeBufferPointer<Float>, columns: Int, columnRange: ColumnRange) {
    guard columns > 0 else { return }
    let lanes = Lanes.scalarCount
    let vectorEnd = columns - columns % lanes
    var blockLow = Lanes(repeating: .infinity), blockHigh = Lanes(repeating: -.infinity)
    var scalarLow = Float.infinity, scalarHigh = -Float.infinity
    columnRange.low.withUnsafeMutableBufferPointer { colLow in
      columnRange.high.withUnsafeMutableBufferPointer { colHigh in
        let raw = UnsafeRawPointer(elements.baseAddress!)
        let lowRaw = UnsafeMutableRawPointer(colLow.baseAddress!)
        let highRaw = UnsafeMutableRawPointer(colHigh.baseAddress!)
        for (offset, row) in rows.enumerated() {
          let start = offset * columns
          var rowSum = SIMD8<Double>(), nan = SIMD8<Int32>(), nonFinite = SIMD8<Int32>(), negative = SIMD8<Int32>()
          var nonZero = SIMDMask<SIMD8<Int32>>(repeating: false)
          var j = 0
          while j < vectorEnd {
            let v = raw.loadUnaligned(fromByteOffset: (start + j) * 4, as: Lanes.self)
            let isFinite = (v - v) .== 0  // false for NaN and ±Inf
            nan &+= SIMD8<Int32>().replacing(with: 1, where: v .!= v)
            nonFinite &+= SIMD8<Int32>().replacing(with: 1, where: .!isFinite)
            negative &+= SIMD8<Int32>().replacing(with: 1, where: v .< 0)
            nonZero .|= v .!= 0
            let finiteValues = Lanes().replacing(with: v, where: isFinite)
            rowSum += SIMD8<Double>(finiteValues)
            var low = lowRaw.loadUnaligned(fromByteOffset: j * 4, as: Lanes.self)
            var high = highRaw.loadUnaligned(fromByteOffset: j * 4, as: Lanes.self)
            low.replace(with: v, where: isFinite .& (v .< low))
            high.replace(with: v, where: isFinite .& (v .> high))
            blockLow.replace(with: low, where: low .< blockLow)
            blockHigh.replace(with: high, where: high .> blockHigh)
            lowRaw.storeBytes(of: low, toByteOffset: j * 4, as: Lanes.self)
            highRaw.storeBytes(of: high, toByteOffset: j * 4, as: Lanes.self)
            j += lanes
          }
          var rowNaN = Int(nan.wrappedSum()), rowNonFinite = Int(nonFinite.wrappedSum())
          negativeCount += Int(negative.wrappedSum())
          var total = rowSum.sum()
          var anyNonZero = any(nonZero)
          while j < columns {
            let v = elements[start + j]
            if v.isNaN { rowNaN += 1 }
            if v.isFinite {
              total += Double(v)
              if v < colLow[j] { colLow[j] = v }
              if v > colHigh[j] { colHigh[j] = v }
              scalarLow = min(scalarLow, v)
              scalarHigh = max(scalarHigh, v)
            } else {
              rowNonFinite += 1
            }
            if v < 0 { negativeCount += 1 }
            if v != 0 { anyNonZero = true }
            j += 1
          }
          sum += total
          nanCount += rowNaN
          infinityCount += rowNonFinite - rowNaN
          finiteCount += columns - rowNonFinite
          if !anyNonZero { zeroRows += 1 }
          if rowNonFinite > 0 {
            nonFiniteRowCount += 1
            if nonFiniteRows.count < MatrixStatistics.reportedRowLimit { nonFiniteRows.append(row) }
          }
        }
      }
    }
    let low = min(blockLow.min(), scalarLow), high = max(blockHigh.max(), scalarHigh)
    if low <= high {
      minimum = low
      maximum = high
    }
  }
}
