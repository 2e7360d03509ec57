// ssl-quality · ActivationProfile.swift — the one pass Q-Score analysis makes over a matrix.

/// What one streaming pass over an `N × D` representation keeps for Q-Score analysis
/// (SPEC §2): per-row statistics, each row's highly-activating features
/// `L_i = { j : h_ij > μ_i + ε σ_i }` with their deviations `h_ij − μ_i`, the baseline
/// scores, and the sanity statistics.
///
/// `μ_i` and the population standard deviation `σ_i` are accumulated in `Double` and the
/// threshold compared in `Double`, so `L_i` matches a float64 numpy reference exactly.
/// Rows holding NaN or Inf are excluded: they have no `L_i` and NaN statistics. Memory is
/// O(N + Σ|L_i|); the matrix itself is never held.
public struct ActivationProfile: Sendable {
  /// Number of rows and columns.
  public let samples: Int, features: Int
  /// The ε in `μ_i + ε σ_i`.
  public let epsilon: Double
  /// Per-row mean `μ_i` and population standard deviation `σ_i` (NaN for non-finite rows).
  public let rowMean: [Double], rowStd: [Double]
  /// Per-row L1 norm `Σ_j |h_ij|` and largest z-score `max_j (h_ij − μ_i) / σ_i`
  /// (0 when `σ_i = 0`); NaN for non-finite rows. Baselines for misclassification prediction.
  public let l1Norm: [Double], maxZ: [Double]
  /// Value statistics and sanity counts of the same pass.
  public let sanity: MatrixStatistics
  /// The `L_i` entries, kept in the row blocks the pass produced them in (no merged copy).
  let entryBlocks: [EntryBlock]
  /// Rows per entry block (the last may hold fewer).
  let blockRows: Int

  /// Whether row `i` holds only finite values (and so takes part in the analysis).
  public func isFinite(_ row: Int) -> Bool { !rowMean[row].isNaN }

  /// Number of rows with only finite values (the `N` of `A_j`).
  public var finiteSamples: Int { samples - sanity.nonFiniteRows }

  /// The highly-activating features of row `i` and their deviations `h_ij − μ_i`.
  public func highlyActive(_ row: Int) -> [(feature: Int, deviation: Double)] {
    let (features, deviations) = entries(row)
    return zip(features, deviations).map { (Int($0), $1) }
  }

  /// `L_i` of row `i` (ascending features) and the deviations, as slices of its block.
  func entries(_ row: Int) -> (features: ArraySlice<Int32>, deviations: ArraySlice<Double>) {
    let block = entryBlocks[row / blockRows], local = row - row / blockRows * blockRows
    let range = block.offsets[local]..<block.offsets[local + 1]
    return (block.features[range], block.deviations[range])
  }

  /// `A_j = |{ i : j ∈ L_i }| / N` over the finite rows (all zero when there are none).
  public var activationFrequency: [Double] {
    var counts = [Int](repeating: 0, count: features)
    for block in entryBlocks { for feature in block.features { counts[Int(feature)] += 1 } }
    let n = Double(finiteSamples)
    return counts.map { n == 0 ? 0 : Double($0) / n }
  }

  /// Reads `source` once, in row blocks on `threads` workers; bit-identical results for
  /// any thread count. `progress` receives the rows of each finished block.
  ///
  /// - Complexity: O(N · D) time; O(N + Σ|L_i| + threads · D) memory.
  public static func measure(
    _ source: some RowSource, epsilon: Double, threads: Int, progress: (@Sendable (Int) -> Void)? = nil
  ) -> ActivationProfile {
    let columns = source.columns
    let chunks = RowChunks(rows: source.rows, columns: columns)
    let statistics = MatrixStatistics.Accumulator(chunks: chunks, columns: columns, threads: threads)
    let blocks = BlockResults<ActivationBlock>(count: chunks.count)
    chunks.forEach(source, threads: threads) { block, rows, elements, worker in
      var summary = BlockSummary()
      blocks[block] = ActivationBlock(
        rows: rows, elements: elements, columns: columns, epsilon: epsilon, summary: &summary,
        columnRange: statistics.columnRange(worker))
      statistics.set(block: block, summary: summary)
      progress?(rows.count)
    }
    var mean: [Double] = [], std: [Double] = [], l1: [Double] = [], maxZ: [Double] = []
    let parts = blocks.inOrder
    mean.reserveCapacity(source.rows)
    std.reserveCapacity(source.rows)
    l1.reserveCapacity(source.rows)
    maxZ.reserveCapacity(source.rows)
    for block in parts {
      mean += block.mean
      std += block.std
      l1 += block.l1
      maxZ += block.maxZ
    }
    return ActivationProfile(
      samples: source.rows, features: columns, epsilon: epsilon, rowMean: mean, rowStd: std, l1Norm: l1, maxZ: maxZ,
      sanity: statistics.result(),
      entryBlocks: parts.map { EntryBlock(offsets: $0.offsets, features: $0.features, deviations: $0.deviations) },
      blockRows: chunks.chunkRows)
  }
}

/// The `L_i` entries of one block of consecutive rows: row `r` of the block has
/// `features[offsets[r]..<offsets[r+1]]` and their deviations.
struct EntryBlock: Sendable {
  let offsets: [Int]
  let features: [Int32]
  let deviations: [Double]
}

private struct ActivationBlock {
  var mean: [Double] = [], std: [Double] = [], l1: [Double] = [], maxZ: [Double] = []
  var offsets = [0]
  var features: [Int32] = []
  var deviations: [Double] = []

  typealias Lanes = SIMD8<Float>
  typealias Wide = SIMD8<Double>

  init(
    rows: Range<Int>, elements: UnsafeBufferPointer<Float>, columns: Int, epsilon: Double, summary: inout BlockSummary,
    columnRange: ColumnRange
  ) {
    let count = rows.count
    mean.reserveCapacity(count)
    std.reserveCapacity(count)
    l1.reserveCapacity(count)
    maxZ.reserveCapacity(count)
    offsets.reserveCapacity(count + 1)
    let lanes = Lanes.scalarCount, vectorEnd = columns - columns % lanes
    let raw = UnsafeRawPointer(elements.baseAddress!)
    let d = Double(columns)
    let laneBits = SIMD8<Int32>(1, 2, 4, 8, 16, 32, 64, 128)
    /// The lanes of a comparison as bits, lowest lane first (a compare, an and and a
    /// horizontal add; `replacing(with:where:)` would extract lane by lane).
    @inline(__always) func bitmask(_ mask: SIMDMask<SIMD8<Int32>>) -> UInt32 {
      UInt32(bitPattern: (unsafeBitCast(mask, to: SIMD8<Int32>.self) & laneBits).wrappedSum())
    }
    // A row's entries go to scratch first and join the block's arrays once per row (an
    // append per entry would check the arrays' uniqueness each time).
    let rowFeatures = UnsafeMutablePointer<Int32>.allocate(capacity: max(1, columns))
    let rowDeviations = UnsafeMutablePointer<Double>.allocate(capacity: max(1, columns))
    defer {
      rowFeatures.deallocate()
      rowDeviations.deallocate()
    }
    for (row, index) in rows.enumerated() {
      let start = row * columns
      let h = elements.baseAddress! + start
      // Pass 1 (shared with the value statistics): sum, finiteness, signs, extremes.
      let facts = RowFacts(row: h, columns: columns, range: columnRange)
      summary.add(row: index, facts: facts, columns: columns)
      guard facts.nonFiniteCount == 0 else {
        mean.append(.nan)
        std.append(.nan)
        l1.append(.nan)
        maxZ.append(.nan)
        offsets.append(features.count)
        continue
      }
      // A row without negative entries has L1 norm = sum (same terms, same order).
      var norm = facts.sum
      if facts.negativeCount > 0 {
        norm = 0
        for j in 0..<columns { norm += Double(h[j].magnitude) }
      }
      let largest = facts.high
      let mu = facts.sum / d
      // Variance from the sums of pass 1, E[h²] − μ²; where that cancels badly (variance
      // below 1e-6 μ²), a second pass over the row computes Σ (h − μ)² as numpy does.
      var squareSum = facts.sumOfSquares - facts.sum * mu
      if !(squareSum > 1e-6 * facts.sum * mu) {
        var squares = Wide()
        let muWide = Wide(repeating: mu)
        var j = 0
        while j < vectorEnd {
          let deviation = Wide(raw.loadUnaligned(fromByteOffset: (start + j) * 4, as: Lanes.self)) - muWide
          squares += deviation * deviation
          j += lanes
        }
        squareSum = squares.sum()
        while j < columns {
          let deviation = Double(h[j]) - mu
          squareSum += deviation * deviation
          j += 1
        }
      }
      let sigma = (squareSum / d).squareRoot()
      mean.append(mu)
      std.append(sigma)
      l1.append(norm)
      maxZ.append(sigma > 0 ? (Double(largest) - mu) / sigma : 0)
      // Pass 2: h_ij > t in Double ⟺ h_ij > t↓ in Float, t↓ the largest float ≤ t.
      let threshold = mu + epsilon * sigma
      var cut = Float(threshold)
      if Double(cut) > threshold { cut = cut.nextDown }
      let cutLanes = Lanes(repeating: cut)
      /// Keeps the entries of `v` (columns `first…`) above the cut, visiting only those lanes.
      var kept = 0
      @inline(__always) func keep(_ v: Lanes, from first: Int) {
        var bits = bitmask(v .> cutLanes)
        while bits != 0 {
          let column = first + bits.trailingZeroBitCount
          rowFeatures[kept] = Int32(column)
          rowDeviations[kept] = Double(h[column]) - mu
          kept += 1
          bits &= bits - 1
        }
      }
      var j = 0
      // Four vectors at a time: most hold nothing above the cut, and one comparison of
      // their lane-wise maximum (a bitmask, lowest lane first) says so.
      let groupEnd = columns - columns % (4 * lanes)
      while j < groupEnd {
        let v0 = raw.loadUnaligned(fromByteOffset: (start + j) * 4, as: Lanes.self)
        let v1 = raw.loadUnaligned(fromByteOffset: (start + j + lanes) * 4, as: Lanes.self)
        let v2 = raw.loadUnaligned(fromByteOffset: (start + j + 2 * lanes) * 4, as: Lanes.self)
        let v3 = raw.loadUnaligned(fromByteOffset: (start + j + 3 * lanes) * 4, as: Lanes.self)
        let m01 = v0.replacing(with: v1, where: v1 .> v0), m23 = v2.replacing(with: v3, where: v3 .> v2)
        let top = m01.replacing(with: m23, where: m23 .> m01)
        if bitmask(top .> cutLanes) != 0 {
          keep(v0, from: j)
          keep(v1, from: j + lanes)
          keep(v2, from: j + 2 * lanes)
          keep(v3, from: j + 3 * lanes)
        }
        j += 4 * lanes
      }
      while j < vectorEnd {
        keep(raw.loadUnaligned(fromByteOffset: (start + j) * 4, as: Lanes.self), from: j)
        j += lanes
      }
      while j < columns {
        if h[j] > cut {
          rowFeatures[kept] = Int32(j)
          rowDeviations[kept] = Double(h[j]) - mu
          kept += 1
        }
        j += 1
      }
      features.append(contentsOf: UnsafeBufferPointer(start: rowFeatures, count: kept))
      deviations.append(contentsOf: UnsafeBufferPointer(start: rowDeviations, count: kept))
      offsets.append(features.count)
    }
  }
}
