// ssl-quality · LayeredActivations.swift — the highly-activating entries of several ε from one search.

/// `L_i(ε) = { j : h_ij > μ_i + ε σ_i }` for several ε at once, found by one search.
///
/// Since `σ_i ≥ 0`, the thresholds `μ_i + ε σ_i` (rounded in `Double`) never decrease with
/// ε, so every `L_i(ε)` is a subset of `L_i` at the smallest ε. Each row is searched once
/// at the smallest ε (``ThresholdScan``), and each entry found is tagged there with its
/// **level**, the number of the ε whose threshold it exceeds, compared on floats exactly
/// as in `Double` (``ThresholdScan/floatCut(_:)``), which is how ``ActivationCounts``
/// compares. `L_i(ε_k)` is the entries of level above `k` (ε counted from 0 in ascending
/// order), so ``Partial/activationFrequencies`` and ``Partial/qScores(discriminative:rows:normalization:context:)``
/// give, bit for bit, what one ``ActivationCounts`` pass with that ε gives.
///
/// An entry is kept as its feature, its value `h_ij` (the deviation `h_ij − μ_i` is formed
/// from it in `Double` when scoring, the same operation ``ActivationCounts`` does) and its
/// level: 12 bytes. The per-feature counts of each level are summed during the search.
public struct LayeredActivations: RowAccumulator {
  /// The distinct ε, ascending.
  public let epsilons: [Double]

  /// - Precondition: `epsilons` is not empty and holds finite values ≥ 0.
  public init(epsilons: [Double]) {
    precondition(!epsilons.isEmpty && epsilons.allSatisfy { $0.isFinite && $0 >= 0 }, "ε must be finite and ≥ 0")
    self.epsilons = Array(Set(epsilons)).sorted()
  }

  public struct Partial: PartialState, Equatable {
    public let startRow: Int
    public let columns: Int
    /// The distinct ε, ascending.
    public let epsilons: [Double]
    public internal(set) var rowCount = 0
    /// Rows with only finite values (the `N` of `A_j`).
    public internal(set) var finiteRowCount = 0
    /// `L_i` at the smallest ε, in row blocks, each entry with its level.
    public internal(set) var blocks: [LayeredEntries] = []
    /// Per level `l` (from 1) and feature `j`, at `(l − 1) · columns + j`: how many entries
    /// of feature `j` have level `l`.
    public internal(set) var levelCounts: [Int]

    init(startRow: Int, columns: Int, epsilons: [Double]) {
      self.startRow = startRow
      self.columns = columns
      self.epsilons = epsilons
      levelCounts = [Int](repeating: 0, count: epsilons.count * columns)
    }

    public func canAppend(_ next: Partial) -> Bool {
      isFollowed(by: next) && next.epsilons.map(\.bitPattern) == epsilons.map(\.bitPattern)
    }

    public mutating func append(_ next: Partial) {
      precondition(canAppend(next), "partial states are not adjacent or differ in ε")
      rowCount += next.rowCount
      finiteRowCount += next.finiteRowCount
      blocks += next.blocks
      for index in levelCounts.indices { levelCounts[index] += next.levelCounts[index] }
    }

    /// Equal when they describe the same rows, counts and entries (however the entries
    /// are split into blocks).
    public static func == (lhs: Partial, rhs: Partial) -> Bool {
      func flat(_ blocks: [LayeredEntries]) -> (lengths: [Int], features: [Int32], values: [UInt32], levels: [Int32]) {
        (
          blocks.flatMap { block in (0..<block.rowCount).map { block.offsets[$0 + 1] - block.offsets[$0] } },
          blocks.flatMap(\.features), blocks.flatMap { $0.values.map(\.bitPattern) }, blocks.flatMap(\.levels)
        )
      }
      let a = flat(lhs.blocks), b = flat(rhs.blocks)
      return lhs.startRow == rhs.startRow && lhs.columns == rhs.columns && lhs.epsilons.map(\.bitPattern) == rhs.epsilons.map(\.bitPattern)
        && lhs.rowCount == rhs.rowCount && lhs.finiteRowCount == rhs.finiteRowCount && lhs.levelCounts == rhs.levelCounts
        && a.lengths == b.lengths && a.features == b.features && a.values == b.values && a.levels == b.levels
    }

    /// The position of `epsilon` in ``epsilons`` (the number of smaller ε): `L_i(epsilon)`
    /// holds the entries whose level exceeds it.
    public func rank(of epsilon: Double) -> Int { epsilons.count { $0 < epsilon } }

    /// Rows with only finite values (the `N` of `A_j`).
    /// `A_j(ε) = |{ i : j ∈ L_i(ε) }| / N` over the finite rows, per ε of ``epsilons``,
    /// exactly as ``ActivationCounts/Partial/activationFrequency`` computes it.
    ///
    /// - Complexity: O(Σ|L_i| at the smallest ε + |epsilons| · D).
    public var activationFrequencies: [[Double]] {
      // An entry of level l is in L_i(ε_k) for every k < l: sum the level counts from the
      // top level down.
      var counts = [[Int]](repeating: [], count: epsilons.count)
      var running = [Int](repeating: 0, count: columns)
      for k in counts.indices.reversed() {
        for j in 0..<columns { running[j] += levelCounts[k * columns + j] }
        counts[k] = running
      }
      let finite = finiteRowCount, n = Double(finite)
      return counts.map { counts in counts.map { finite == 0 ? 0 : Double($0) / n } }
    }

    /// The Q-Scores at every ε of ``epsilons``, `Dset` of each given by `discriminative`
    /// (one per ε), as ``QScores/init(profile:discriminative:normalization:context:)``
    /// computes them at that ε alone: each row's terms are summed in the same (ascending
    /// feature) order, so the values are the same bits.
    ///
    /// - Parameter rows: the row statistics of the same pass.
    /// - Complexity: O(N · |epsilons| + Σ|L_i| · ⌈|epsilons| / 8⌉) spread over the context's workers.
    public func qScores(
      discriminative: [DiscriminativeFeatures], rows: RowStatistics.Partial, normalization: QScoreNormalization, context: ExecutionContext
    ) -> [QScores] {
      precondition(discriminative.count == epsilons.count && discriminative.allSatisfy { $0.frequencies.count == columns })
      let layers = epsilons.count, width = columns, groups = (layers + 7) / 8
      // Layers go 8 at a time through the lanes of one vector. Per group g and feature j,
      // at g · D + j: bit k set when j is in Dset of layer 8g + k.
      var memberBits = [UInt8](repeating: 0, count: groups * columns)
      for (k, features) in discriminative.enumerated() {
        for (j, isMember) in features.membership.enumerated() where isMember { memberBits[(k / 8) * columns + j] |= 1 << (k % 8) }
      }
      // Per 8-bit pattern, lanes of 1 where the bit is set and 0 elsewhere.
      let laneMasks = (0..<256).map { bits in SIMD8<Double>((0..<8).map { bits >> $0 & 1 == 1 ? 1 : 0 }) }
      let blocks = blocks
      let parts = context.parallelMap(blocks.count) { index -> (values: [Double], counts: [Int], empty: [Int]) in
        let block = blocks[index], rowCount = block.rowCount
        var values = [Double](repeating: 0, count: layers * rowCount), counts = [Int](repeating: 0, count: layers * rowCount)
        var empty = [Int](repeating: 0, count: layers)
        memberBits.withUnsafeBufferPointer { memberBits in
          laneMasks.withUnsafeBufferPointer { laneMasks in
            block.features.withUnsafeBufferPointer { features in
              block.values.withUnsafeBufferPointer { entryValues in
                block.levels.withUnsafeBufferPointer { levels in
                  for local in 0..<rowCount {
                    let row = block.startRow + local, mu = rows.mean[row]
                    guard !mu.isNaN else {
                      for k in 0..<layers { values[k * rowCount + local] = .nan }
                      continue
                    }
                    let sigma = rows.std[row], entries = block.offsets[local]..<block.offsets[local + 1]
                    for group in 0..<groups {
                      // Lane k sums the terms of the entries in L_i ∩ Dset of layer 8g + k, in
                      // ascending feature order as score does; any other entry adds +0 to it
                      // (terms are ≥ +0), which leaves the sum's bits unchanged.
                      var sum = SIMD8<Double>(), count = SIMD8<Double>()
                      let firstLayer = 8 * group
                      for entry in entries {
                        let above = Int(levels[entry]) - firstLayer  // layers of this group the entry is in
                        guard above > 0 else { continue }
                        let inLayers = above >= 8 ? UInt8.max : UInt8(truncatingIfNeeded: (1 << above) - 1)
                        let active = laneMasks[Int(memberBits[group * width + Int(features[entry])] & inLayers)]
                        let deviation = Double(entryValues[entry]) - mu
                        let term: Double
                        switch normalization {
                        case .none: term = deviation
                        case .zscore: term = sigma > 0 ? deviation / sigma : 0
                        }
                        sum += active * term
                        count += active
                      }
                      for lane in 0..<min(8, layers - firstLayer) {
                        let k = firstLayer + lane, terms = Int(count[lane])
                        counts[k * rowCount + local] = terms
                        if terms == 0 { empty[k] += 1 } else { values[k * rowCount + local] = sum[lane] / Double(terms) }
                      }
                    }
                  }
                }
              }
            }
          }
        }
        return (values, counts, empty)
      }
      return (0..<layers).map { k in
        var values: [Double] = [], counts: [Int] = [], empty = 0
        values.reserveCapacity(rowCount)
        counts.reserveCapacity(rowCount)
        for (partValues, partCounts, partEmpty) in parts {
          let n = partValues.count / layers
          values += partValues[(k * n)..<(k * n + n)]
          counts += partCounts[(k * n)..<(k * n + n)]
          empty += partEmpty[k]
        }
        return QScores(values: values, termCounts: counts, emptyCount: empty)
      }
    }
  }

  public func emptyPartial(startRow: Int, columns: Int) -> Partial {
    Partial(startRow: startRow, columns: columns, epsilons: epsilons)
  }

  public func accumulate(_ block: RowBlock, into partial: inout Partial) {
    let columns = block.columns, layers = epsilons.count
    var entries = LayeredEntries(startRow: block.startRow)
    entries.offsets.reserveCapacity(block.rowCount + 1)
    // A row's entries go to scratch first and join the arrays once per row.
    let rowFeatures = UnsafeMutablePointer<Int32>.allocate(capacity: max(1, columns))
    let rowValues = UnsafeMutablePointer<Float>.allocate(capacity: max(1, columns))
    let rowLevels = UnsafeMutablePointer<Int32>.allocate(capacity: max(1, columns))
    let cuts = UnsafeMutablePointer<Float>.allocate(capacity: layers)
    defer {
      rowFeatures.deallocate()
      rowValues.deallocate()
      rowLevels.deallocate()
      cuts.deallocate()
    }
    var finite = 0
    partial.levelCounts.withUnsafeMutableBufferPointer { levelCounts in
      for row in 0..<block.rowCount {
        let moments = block.moments[row]
        guard moments.isFinite else {
          entries.offsets.append(entries.features.count)
          continue
        }
        finite += 1
        for k in 0..<layers { cuts[k] = ThresholdScan.floatCut(moments.mean + epsilons[k] * moments.std) }
        let h = block.values.rowStart(row)
        var kept = 0
        ThresholdScan.forEachVector(in: h, columns: columns, above: cuts[0]) { first, v, bits in
          // Each lane's level, without a branch per entry: 1 + the further cuts it exceeds.
          var level = SIMD8<Int32>(repeating: 1)
          for k in 1..<layers { level &-= unsafeBitCast(v .> SIMD8<Float>(repeating: cuts[k]), to: SIMD8<Int32>.self) }
          var bits = bits
          while bits != 0 {
            let lane = bits.trailingZeroBitCount, column = first + lane, entryLevel = level[lane]
            rowFeatures[kept] = Int32(column)
            rowValues[kept] = v[lane]
            rowLevels[kept] = entryLevel
            levelCounts[(Int(entryLevel) - 1) * columns + column] += 1
            kept += 1
            bits &= bits - 1
          }
        }
        entries.features.append(contentsOf: UnsafeBufferPointer(start: rowFeatures, count: kept))
        entries.values.append(contentsOf: UnsafeBufferPointer(start: rowValues, count: kept))
        entries.levels.append(contentsOf: UnsafeBufferPointer(start: rowLevels, count: kept))
        entries.offsets.append(entries.features.count)
      }
    }
    partial.rowCount += block.rowCount
    partial.finiteRowCount += finite
    partial.blocks.append(entries)
  }
}

/// The `L_i` at the smallest ε of consecutive rows from `startRow`: row `startRow + r` has
/// the entries `offsets[r] ..< offsets[r + 1]`, each a feature (ascending), its value
/// `h_ij` and its level (how many of the ε it passes, ≥ 1).
public struct LayeredEntries: Sendable, Equatable, Codable {
  public let startRow: Int
  public internal(set) var offsets: [Int] = [0]
  public internal(set) var features: [Int32] = []
  public internal(set) var values: [Float] = []
  public internal(set) var levels: [Int32] = []

  /// Number of rows.
  public var rowCount: Int { offsets.count - 1 }
}
