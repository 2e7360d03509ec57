// ssl-quality · RowStatistics.swift — per-row mean, deviation and the misclassification baselines.

/// Per row: `μ_i`, `σ_i` (see ``RowMoments``), the L1 norm `Σ_j |h_ij|` and the largest
/// z-score `max_j (h_ij − μ_i) / σ_i` (0 when `σ_i = 0`). All four are NaN for a row
/// holding NaN or ±∞. The state is the rows' values in order, so merging concatenates.
public struct RowStatistics: RowAccumulator {
  /// Whether the largest z-scores are found (NaN otherwise): they need each row's largest
  /// entry, which costs the pass's scan two comparisons per 8 entries.
  public var measuresMaxZ: Bool

  public init(maxZ: Bool = true) { measuresMaxZ = maxZ }

  public var needsRowExtremes: Bool { measuresMaxZ }

  public struct Partial: PartialState, Equatable {
    public let startRow: Int
    public let columns: Int
    /// `μ_i`, `σ_i`, L1 norm and largest z-score of each row, in row order.
    public private(set) var mean: [Double] = [], std: [Double] = [], l1Norm: [Double] = [], maxZ: [Double] = []

    public var rowCount: Int { mean.count }

    public mutating func append(_ next: Partial) {
      precondition(canAppend(next), "partial states are not adjacent")
      mean += next.mean
      std += next.std
      l1Norm += next.l1Norm
      maxZ += next.maxZ
    }

    mutating func add(mean mu: Double, std sigma: Double, l1Norm norm: Double, maxZ z: Double) {
      mean.append(mu)
      std.append(sigma)
      l1Norm.append(norm)
      maxZ.append(z)
    }

    /// Equal when every value has the same bits (so NaN rows compare equal).
    public static func == (lhs: Partial, rhs: Partial) -> Bool {
      func same(_ a: [Double], _ b: [Double]) -> Bool { a.elementsEqual(b) { $0.bitPattern == $1.bitPattern } }
      return lhs.startRow == rhs.startRow && lhs.columns == rhs.columns && same(lhs.mean, rhs.mean) && same(lhs.std, rhs.std)
        && same(lhs.l1Norm, rhs.l1Norm) && same(lhs.maxZ, rhs.maxZ)
    }
  }

  public func emptyPartial(startRow: Int, columns: Int) -> Partial { Partial(startRow: startRow, columns: columns) }

  public func accumulate(_ block: RowBlock, into partial: inout Partial) {
    let columns = block.columns
    for row in 0..<block.rowCount {
      let m = block.moments[row]
      guard m.isFinite else {
        partial.add(mean: .nan, std: .nan, l1Norm: .nan, maxZ: .nan)
        continue
      }
      // A row without negative entries has L1 norm = sum (same terms, same order).
      var norm = m.sum
      if m.negativeCount > 0 {
        norm = 0
        let h = block.values.rowStart(row)
        for j in 0..<columns { norm += Double(h[j].magnitude) }
      }
      let z = !measuresMaxZ ? .nan : m.std > 0 ? (Double(m.maximum) - m.mean) / m.std : 0
      partial.add(mean: m.mean, std: m.std, l1Norm: norm, maxZ: z)
    }
  }
}
