// ssl-quality · LayeredActivations.swift — the highly-activating entries of several ε from one search.

/// `L_i(ε) = { j : h_ij > μ_i + ε σ_i }` for several ε at once, found by one search.
///
/// Since `σ_i ≥ 0`, the thresholds `μ_i + ε σ_i` (rounded in `Double`) never decrease with
/// ε, so every `L_i(ε)` is a subset of `L_i` at the smallest ε. Each block is searched once
/// at the smallest ε (``HighlyActiveEntries``); each entry found is then tagged with its
/// **level**, the number of the ε whose threshold it exceeds, by comparing `h_ij` with
/// `μ_i + ε_k σ_i` in `Double` exactly as ``ActivationCounts`` does. `L_i(ε_k)` is the
/// entries of level above `k` (ε counted from 0 in ascending order), so
/// ``Partial/activations(for:)`` gives, bit for bit, the state one ``ActivationCounts``
/// with that ε would have built.
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
    /// `L_i` at the smallest ε, in row blocks.
    public internal(set) var blocks: [HighlyActiveEntries] = []
    /// Per block, per entry of ``blocks``: how many of ``epsilons`` the entry passes (≥ 1).
    public internal(set) var levels: [[Int32]] = []
    /// Per block, its rows with only finite values.
    public internal(set) var finiteRows: [Int] = []

    public func canAppend(_ next: Partial) -> Bool {
      isFollowed(by: next) && next.epsilons.map(\.bitPattern) == epsilons.map(\.bitPattern)
    }

    public mutating func append(_ next: Partial) {
      precondition(canAppend(next), "partial states are not adjacent or differ in ε")
      rowCount += next.rowCount
      blocks += next.blocks
      levels += next.levels
      finiteRows += next.finiteRows
    }

    /// The position of `epsilon` in ``epsilons`` (the number of smaller ε): `L_i(epsilon)`
    /// holds the entries whose level exceeds it.
    public func rank(of epsilon: Double) -> Int { epsilons.count { $0 < epsilon } }

    /// Rows with only finite values (the `N` of `A_j`).
    public var finiteRowCount: Int { finiteRows.reduce(0, +) }

    /// `A_j(ε) = |{ i : j ∈ L_i(ε) }| / N` over the finite rows, per ε of ``epsilons``,
    /// exactly as ``ActivationCounts/Partial/activationFrequency`` computes it.
    ///
    /// - Complexity: O(Σ|L_i| at the smallest ε + |epsilons| · D).
    public var activationFrequencies: [[Double]] {
      // How many entries of each feature reach each level, then summed from the top level
      // down: an entry of level l is in L_i(ε_k) for every k < l.
      var counts = [[Int]](repeating: [Int](repeating: 0, count: columns), count: epsilons.count)
      for (block, level) in zip(blocks, levels) {
        for (feature, level) in zip(block.features, level) { counts[Int(level) - 1][Int(feature)] += 1 }
      }
      for k in counts.indices.reversed().dropFirst() {
        for j in 0..<columns { counts[k][j] += counts[k + 1][j] }
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
    /// - Complexity: O(N · |epsilons| + Σ|L_i| · levels) spread over the context's workers.
    public func qScores(
      discriminative: [DiscriminativeFeatures], rows: RowStatistics.Partial, normalization: QScoreNormalization, context: ExecutionContext
    ) -> [QScores] {
      precondition(discriminative.count == epsilons.count && discriminative.allSatisfy { $0.frequencies.count == columns })
      let layers = epsilons.count, width = columns
      let membership = discriminative.flatMap(\.membership)  // layer k, feature j at k · D + j
      let blocks = blocks, levels = levels
      let parts = context.parallelMap(blocks.count) { index -> (values: [Double], counts: [Int], empty: [Int]) in
        let block = blocks[index], level = levels[index], rowCount = block.rowCount
        var values = [Double](repeating: 0, count: layers * rowCount), counts = [Int](repeating: 0, count: layers * rowCount)
        var empty = [Int](repeating: 0, count: layers)
        var sums = [Double](repeating: 0, count: layers), terms = [Int](repeating: 0, count: layers)
        for local in 0..<rowCount {
          let row = block.startRow + local
          guard !rows.mean[row].isNaN else {
            for k in 0..<layers { values[k * rowCount + local] = .nan }
            continue
          }
          let sigma = rows.std[row]
          for k in 0..<layers { (sums[k], terms[k]) = (0, 0) }
          for entry in block.offsets[local]..<block.offsets[local + 1] {
            let feature = Int(block.features[entry]), deviation = block.deviations[entry]
            for k in 0..<Int(level[entry]) where membership[k * width + feature] {
              switch normalization {
              case .none: sums[k] += deviation
              case .zscore: sums[k] += sigma > 0 ? deviation / sigma : 0
              }
              terms[k] += 1
            }
          }
          for k in 0..<layers {
            counts[k * rowCount + local] = terms[k]
            if terms[k] == 0 { empty[k] += 1 } else { values[k * rowCount + local] = sums[k] / Double(terms[k]) }
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
    let entries = HighlyActiveEntries(block, epsilon: epsilons[0])
    var level = [Int32](repeating: 1, count: entries.features.count)
    if epsilons.count > 1 {
      var thresholds = [Double](repeating: 0, count: epsilons.count)
      for row in 0..<entries.rowCount where entries.offsets[row] < entries.offsets[row + 1] {
        let moments = block.moments[row], h = block.values.rowStart(row)
        for k in epsilons.indices { thresholds[k] = moments.mean + epsilons[k] * moments.std }
        for entry in entries.offsets[row]..<entries.offsets[row + 1] {
          let value = Double(h[Int(entries.features[entry])])
          var passed = 1
          while passed < thresholds.count, value > thresholds[passed] { passed += 1 }
          level[entry] = Int32(passed)
        }
      }
    }
    partial.rowCount += block.rowCount
    partial.blocks.append(entries)
    partial.levels.append(level)
    partial.finiteRows.append(block.moments.count { $0.isFinite })
  }
}
