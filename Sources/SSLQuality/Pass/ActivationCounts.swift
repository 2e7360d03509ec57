// ssl-quality · ActivationCounts.swift — how often each feature is highly active, and where.

/// The highly-activating features of each row,
///
/// ```
/// L_i = { j : h_ij > μ_i + ε σ_i }
/// ```
///
/// counted per feature (`|{ i : j ∈ L_i }|`, from which `A_j` follows) over the rows with
/// only finite values, and — with `keepingEntries` — kept with their values and row means
/// (so their deviations `h_ij − μ_i`) for Q-Scores. The threshold is compared in `Double`
/// (see ``RowMoments``), so `L_i` matches a float64 numpy reference exactly. Rows with NaN
/// or ±∞ have no `L_i`.
public struct ActivationCounts: RowAccumulator {
  /// The ε of the rule.
  public let epsilon: Double
  /// Whether the state keeps every `L_i` with its deviations.
  public let keepingEntries: Bool

  public init(epsilon: Double, keepingEntries: Bool = false) {
    self.epsilon = epsilon
    self.keepingEntries = keepingEntries
  }

  /// Reads the rows' means and spreads, never their extremes.
  public var needsRowExtremes: Bool { false }

  public struct Partial: PartialState, Equatable {
    public let startRow: Int
    public let columns: Int
    public let epsilon: Double
    public private(set) var rowCount = 0
    /// Rows with only finite values (the `N` of `A_j`).
    public private(set) var finiteRows = 0
    /// `|{ i : j ∈ L_i }|` for every feature `j`.
    public private(set) var counts: [Int]
    /// The kept `L_i`, in row order, when the accumulator keeps entries.
    public private(set) var entries: [HighlyActiveEntries]?

    init(startRow: Int, columns: Int, epsilon: Double, keepingEntries: Bool) {
      self.startRow = startRow
      self.columns = columns
      self.epsilon = epsilon
      counts = [Int](repeating: 0, count: columns)
      entries = keepingEntries ? [] : nil
    }

    /// `A_j = |{ i : j ∈ L_i }| / N` over the finite rows (all zero when there are none).
    public var activationFrequency: [Double] {
      let n = Double(finiteRows)
      return counts.map { finiteRows == 0 ? 0 : Double($0) / n }
    }

    public func canAppend(_ next: Partial) -> Bool {
      isFollowed(by: next) && next.epsilon.bitPattern == epsilon.bitPattern && (next.entries == nil) == (entries == nil)
    }

    public mutating func append(_ next: Partial) {
      precondition(canAppend(next), "partial states are not adjacent or differ in ε")
      rowCount += next.rowCount
      finiteRows += next.finiteRows
      for j in counts.indices { counts[j] += next.counts[j] }
      if let more = next.entries { entries?.append(contentsOf: more) }
    }

    /// Equal when they describe the same rows, counts and kept entries (however the
    /// entries are split into blocks).
    public static func == (lhs: Partial, rhs: Partial) -> Bool {
      func flat(_ blocks: [HighlyActiveEntries]?) -> (lengths: [Int], features: [Int32], deviations: [UInt64])? {
        blocks.map { blocks in
          (
            blocks.flatMap(\.rowLengths),
            blocks.flatMap(\.features),
            blocks.flatMap { block in (0..<block.rowCount).flatMap { block.row($0).deviations.map(\.bitPattern) } }
          )
        }
      }
      let a = flat(lhs.entries), b = flat(rhs.entries)
      return lhs.startRow == rhs.startRow && lhs.columns == rhs.columns && lhs.epsilon.bitPattern == rhs.epsilon.bitPattern
        && lhs.rowCount == rhs.rowCount && lhs.finiteRows == rhs.finiteRows && lhs.counts == rhs.counts
        && a?.lengths == b?.lengths && a?.features == b?.features && a?.deviations == b?.deviations
    }

    mutating func record(block: HighlyActiveEntries, finiteRows finite: Int, rows: Int) {
      rowCount += rows
      finiteRows += finite
      block.features.withUnsafeBufferPointer { features in
        counts.withUnsafeMutableBufferPointer { counts in
          for feature in features { counts[Int(feature)] += 1 }
        }
      }
      entries?.append(block)
    }
  }

  public func emptyPartial(startRow: Int, columns: Int) -> Partial {
    Partial(startRow: startRow, columns: columns, epsilon: epsilon, keepingEntries: keepingEntries)
  }

  public func accumulate(_ block: RowBlock, into partial: inout Partial) {
    // The last block's entries per row size this block's arrays.
    let expected = partial.entries?.last.map { block.expectedEntries(after: $0.features.count, rows: $0.rowCount) } ?? 0
    let entries = HighlyActiveEntries(block, epsilon: epsilon, expectedEntries: expected)
    partial.record(block: entries, finiteRows: block.moments.count { $0.isFinite }, rows: block.rowCount)
  }
}

/// The `L_i` of consecutive rows starting at `startRow`: row `startRow + r` has the
/// features `features[offsets[r] ..< offsets[r + 1]]` (ascending), their values `h_ij` and
/// the row's mean `μ_i`, from which the deviations `h_ij − μ_i` follow.
///
/// The values are kept as the stored floats and each deviation is computed when read, in
/// `Double` as when the row was scanned: the same bits as keeping the deviations, in 8
/// bytes per entry instead of 12.
/// `Codable` as (part of) a row pass's partial state, to be written out and merged across shards.
public struct HighlyActiveEntries: Sendable, Equatable, Codable {
  public let startRow: Int
  public private(set) var offsets: [Int] = [0]
  public private(set) var features: [Int32] = []
  /// `h_ij` of every entry.
  public private(set) var values: [Float] = []
  /// `μ_i` of every row (NaN for a row with NaN or ±∞, which has no entries).
  public private(set) var means: [Double] = []

  /// Number of rows.
  public var rowCount: Int { offsets.count - 1 }

  /// `|L_i|` of every row, in order (0 for a row with NaN or ±∞).
  public var rowLengths: [Int] { (0..<rowCount).map { offsets[$0 + 1] - offsets[$0] } }

  /// The features of row `startRow + local` and their deviations `h_ij − μ_i`.
  public func row(_ local: Int) -> (features: ArraySlice<Int32>, deviations: [Double]) {
    let range = offsets[local]..<offsets[local + 1], mu = means[local]
    return (features[range], values[range].map { Double($0) - mu })
  }

  /// Finds `L_i` for every row of `block`, comparing on float lanes exactly as in `Double`
  /// (``ThresholdScan``). `expectedEntries` sizes the arrays up front (they still grow
  /// past it), so a block's entries are not copied from array to larger array as they come.
  init(_ block: RowBlock, epsilon: Double, expectedEntries: Int = 0) {
    startRow = block.startRow
    let columns = block.columns, count = block.rowCount
    offsets.reserveCapacity(count + 1)
    means.reserveCapacity(count)
    features.reserveCapacity(expectedEntries)
    values.reserveCapacity(expectedEntries)
    // A row's entries go to scratch first and join the arrays once per row (an append per
    // entry would check the arrays' uniqueness each time).
    let rowFeatures = UnsafeMutablePointer<Int32>.allocate(capacity: columns + 8)  // ThresholdScan.indices
    let rowValues = UnsafeMutablePointer<Float>.allocate(capacity: max(1, columns))
    defer {
      rowFeatures.deallocate()
      rowValues.deallocate()
    }
    for row in 0..<count {
      let moments = block.moments[row]
      means.append(moments.mean)
      guard moments.isFinite else {
        offsets.append(features.count)
        continue
      }
      let h = block.values.rowStart(row)
      let kept = ThresholdScan.indices(
        in: h, columns: columns, above: ThresholdScan.floatCut(moments.mean + epsilon * moments.std), into: rowFeatures)
      for entry in 0..<kept { rowValues[entry] = h[Int(rowFeatures[entry])] }
      features.append(contentsOf: UnsafeBufferPointer(start: rowFeatures, count: kept))
      values.append(contentsOf: UnsafeBufferPointer(start: rowValues, count: kept))
      offsets.append(features.count)
    }
  }
}
