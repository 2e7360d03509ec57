// ssl-quality · ColumnStatistics.swift — value statistics and sanity counts, mergeable across row ranges.

/// The statistics behind ``MatrixStatistics``: the smallest and largest finite entry, the
/// exact sum of the finite entries, NaN/±∞/negative counts, all-zero rows, rows holding
/// NaN or ±∞ (and the first few of them), and per column its first finite value and
/// whether a different finite value followed (a column is constant when none did).
public struct ColumnStatistics: RowAccumulator {
  /// Whether the smallest and largest finite entry are found (`nil` otherwise): they need
  /// each row's extremes, which cost the pass's scan two comparisons per 8 entries.
  public var measuresExtremes: Bool

  public init(extremes: Bool = true) { measuresExtremes = extremes }

  public struct Partial: PartialState, Equatable {
    public let startRow: Int
    public let columns: Int
    public private(set) var rowCount = 0
    /// Exact sum of the finite entries, and their number.
    public private(set) var sum = ExactSum(), finiteCount = 0
    public private(set) var nanCount = 0, infinityCount = 0, negativeCount = 0, zeroRows = 0
    /// Rows holding NaN or ±∞, and the first ``MatrixStatistics/reportedRowLimit`` of them.
    public private(set) var nonFiniteRows = 0, firstNonFiniteRows: [Int] = []
    /// Smallest and largest finite entry, `nil` when there is none.
    public private(set) var minimum: Float?, maximum: Float?
    /// Per column: the first finite value (NaN before one is seen).
    public private(set) var reference: [Float]
    /// Per column: 1 once a finite value different from `reference` was seen.
    private var variedFlags: [Int32]
    /// Per full group of 8 columns: whether some column of it has not varied yet, and
    /// how many groups are still watched (none: rows need no tracking).
    private var watched: [Bool]
    private var watchedGroups: Int

    /// Per column: whether a finite value different from `reference` was seen.
    public var varied: [Bool] { variedFlags.map { $0 != 0 } }

    init(startRow: Int, columns: Int) {
      self.startRow = startRow
      self.columns = columns
      reference = [Float](repeating: .nan, count: columns)
      variedFlags = [Int32](repeating: 0, count: columns)
      watched = [Bool](repeating: true, count: columns / 8)
      watchedGroups = columns / 8
    }

    /// Columns whose finite values are all equal (and exist).
    public var constantColumns: Int { zip(reference, variedFlags).count { !$0.isNaN && $1 == 0 } }

    /// The statistics of the rows covered.
    public var statistics: MatrixStatistics {
      var result = MatrixStatistics()
      result.rows = rowCount
      result.columns = columns
      result.minimum = minimum
      result.maximum = maximum
      result.mean = finiteCount == 0 ? 0 : sum.value / Double(finiteCount)
      result.nanCount = nanCount
      result.infinityCount = infinityCount
      result.negativeCount = negativeCount
      result.zeroRows = zeroRows
      result.nonFiniteRows = nonFiniteRows
      result.firstNonFiniteRows = firstNonFiniteRows
      result.constantColumns = constantColumns
      return result
    }

    public mutating func append(_ next: Partial) {
      precondition(canAppend(next), "partial states are not adjacent")
      rowCount += next.rowCount
      sum.add(next.sum)
      finiteCount += next.finiteCount
      nanCount += next.nanCount
      infinityCount += next.infinityCount
      negativeCount += next.negativeCount
      zeroRows += next.zeroRows
      nonFiniteRows += next.nonFiniteRows
      firstNonFiniteRows += next.firstNonFiniteRows.prefix(max(0, MatrixStatistics.reportedRowLimit - firstNonFiniteRows.count))
      if let low = next.minimum { minimum = Swift.min(minimum ?? low, low) }
      if let high = next.maximum { maximum = Swift.max(maximum ?? high, high) }
      for j in 0..<columns {
        let later = next.reference[j]
        if reference[j].isNaN {
          reference[j] = later
        } else if !later.isNaN && later != reference[j] {
          variedFlags[j] = 1
        }
        if next.variedFlags[j] != 0 { variedFlags[j] = 1 }
      }
      for group in watched.indices { watched[group] = variedFlags[(group * 8)..<(group * 8 + 8)].contains(0) }
      watchedGroups = watched.count { $0 }
    }

    /// Adds one row with moments `m`.
    mutating func add(row: Int, moments m: RowMoments) {
      rowCount += 1
      sum.add(m.sum)
      nanCount += m.nanCount
      infinityCount += m.nonFiniteCount - m.nanCount
      finiteCount += columns - m.nonFiniteCount
      negativeCount += m.negativeCount
      if !m.anyNonZero { zeroRows += 1 }
      if m.nonFiniteCount > 0 {
        nonFiniteRows += 1
        if firstNonFiniteRows.count < MatrixStatistics.reportedRowLimit { firstNonFiniteRows.append(row) }
      }
      if m.minimum <= m.maximum {  // false for a row without finite entries, and for extremes not measured (NaN)
        minimum = Swift.min(minimum ?? m.minimum, m.minimum)
        maximum = Swift.max(maximum ?? m.maximum, m.maximum)
      }
    }

    /// Folds the values of a row into the per-column tracking, skipping groups of 8
    /// columns that have all varied (after the first rows, one flag per 8 columns).
    mutating func observe(_ row: UnsafePointer<Float>) {
      guard columns > 0, watchedGroups > 0 || columns % 8 != 0 else { return }
      let raw = UnsafeRawPointer(row), fullGroups = columns / 8
      reference.withUnsafeMutableBufferPointer { reference in
        variedFlags.withUnsafeMutableBufferPointer { varied in
          watched.withUnsafeMutableBufferPointer { watched in
            let referenceRaw = UnsafeMutableRawPointer(reference.baseAddress!), variedRaw = UnsafeMutableRawPointer(varied.baseAddress!)
            for group in 0..<fullGroups where watched[group] {
              let offset = group * 32
              let v = raw.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
              var current = referenceRaw.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
              var flags = variedRaw.loadUnaligned(fromByteOffset: offset, as: SIMD8<Int32>.self)
              // Nothing changes unless a column that has not varied sees a value other than
              // its reference (a group with a dead column stays watched: this is its usual
              // case). `flags − 1` is all ones where a column has not varied, 0 where it has.
              let unvaried = flags &- 1
              guard (unsafeBitCast(v .!= current, to: SIMD8<Int32>.self) & unvaried).anyNonZero else { continue }
              let isFinite = (v - v) .== 0
              let unset = current .!= current
              let differs = isFinite .& .!unset .& (v .!= current)
              current.replace(with: v, where: unset .& isFinite)
              referenceRaw.storeBytes(of: current, toByteOffset: offset, as: SIMD8<Float>.self)
              flags.replace(with: 1, where: differs)
              variedRaw.storeBytes(of: flags, toByteOffset: offset, as: SIMD8<Int32>.self)
              if !(flags &- 1).anyNonZero {
                watched[group] = false
                watchedGroups -= 1
              }
            }
            for j in (fullGroups * 8)..<columns {
              let value = row[j]
              guard value.isFinite else { continue }
              if reference[j].isNaN { reference[j] = value } else if reference[j] != value { varied[j] = 1 }
            }
          }
        }
      }
    }

    /// Equal when every field is, comparing per-column values by their bits.
    public static func == (lhs: Partial, rhs: Partial) -> Bool {
      lhs.startRow == rhs.startRow && lhs.columns == rhs.columns && lhs.rowCount == rhs.rowCount && lhs.sum == rhs.sum
        && lhs.finiteCount == rhs.finiteCount && lhs.nanCount == rhs.nanCount && lhs.infinityCount == rhs.infinityCount
        && lhs.negativeCount == rhs.negativeCount && lhs.zeroRows == rhs.zeroRows && lhs.nonFiniteRows == rhs.nonFiniteRows
        && lhs.firstNonFiniteRows == rhs.firstNonFiniteRows && lhs.minimum == rhs.minimum && lhs.maximum == rhs.maximum
        && lhs.reference.map(\.bitPattern) == rhs.reference.map(\.bitPattern) && lhs.variedFlags == rhs.variedFlags
    }
  }

  /// Reads sums, counts and (when measured) extremes of the rows, never their spread.
  public var needsRowSpread: Bool { false }
  public var needsRowExtremes: Bool { measuresExtremes }

  public func emptyPartial(startRow: Int, columns: Int) -> Partial { Partial(startRow: startRow, columns: columns) }

  public func accumulate(_ block: RowBlock, into partial: inout Partial) {
    for row in 0..<block.rowCount {
      partial.add(row: block.startRow + row, moments: block.moments[row])
      partial.observe(block.values.rowStart(row))
    }
  }
}
