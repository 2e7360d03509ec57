// ssl-quality · ActivationProfile.swift — the one pass Q-Score analysis makes over a matrix.

/// What one streaming pass over an `N × D` representation keeps for Q-Score analysis:
/// per-row statistics (``RowStatistics``), each row's highly-activating features
/// `L_i = { j : h_ij > μ_i + ε σ_i }` with their deviations `h_ij − μ_i`
/// (``ActivationCounts``), and the sanity statistics (``ColumnStatistics``).
///
/// Rows holding NaN or Inf are excluded: they have no `L_i` and NaN statistics. Memory is
/// O(N + Σ|L_i|); the matrix itself is never held.
public struct ActivationProfile: Sendable {
  /// Number of rows and columns.
  public let samples: Int, features: Int
  /// The ε in `μ_i + ε σ_i`.
  public let epsilon: Double
  /// Per-row statistics: `μ_i`, `σ_i`, L1 norm and largest z-score (NaN for non-finite rows).
  public let rows: RowStatistics.Partial
  /// Per-feature counts and the kept `L_i` entries.
  public let activations: ActivationCounts.Partial
  /// Value statistics and sanity counts of the same pass.
  public let sanity: MatrixStatistics

  /// Per-row population standard deviation `σ_i` (NaN for non-finite rows).
  public var rowStd: [Double] { rows.std }
  /// Per-row L1 norm and largest z-score; baselines for misclassification prediction
  /// (the z-scores are NaN when the profile was measured without extremes).
  public var l1Norm: [Double] { rows.l1Norm }
  public var maxZ: [Double] { rows.maxZ }

  /// Whether row `i` holds only finite values (and so takes part in the analysis).
  public func isFinite(_ row: Int) -> Bool { !rows.mean[row].isNaN }

  /// Number of rows with only finite values (the `N` of `A_j`).
  public var finiteSamples: Int { activations.finiteRows }

  /// The kept `L_i` entries, in row blocks.
  var entryBlocks: [HighlyActiveEntries] { activations.entries ?? [] }

  /// The highly-activating features of row `i` and their deviations `h_ij − μ_i`.
  public func highlyActive(_ row: Int) -> [(feature: Int, deviation: Double)] {
    // The last block starting at or before `row` (blocks are in row order).
    let blocks = entryBlocks
    var low = 0, high = blocks.count
    while low < high {
      let middle = (low + high) / 2
      if blocks[middle].startRow <= row { low = middle + 1 } else { high = middle }
    }
    guard low > 0 else { return [] }
    let block = blocks[low - 1]
    let (features, deviations) = block.row(row - block.startRow)
    return zip(features, deviations).map { (Int($0), $1) }
  }

  /// `|L_i|` of every row, in order (0 for non-finite rows).
  public var highlyActiveCounts: [Int] { entryBlocks.flatMap(\.rowLengths) }

  /// `A_j = |{ i : j ∈ L_i }| / N` over the finite rows (all zero when there are none).
  public var activationFrequency: [Double] { activations.activationFrequency }

  /// Reads `source` once; `name` names it in progress events. Bit-identical results for
  /// any thread count.
  ///
  /// Without `extremes`, the pass skips each row's smallest and largest entry: ``maxZ`` is
  /// then NaN and the sanity statistics' minimum and maximum are `nil`; everything else is
  /// the same, bit for bit.
  ///
  /// - Complexity: O(N · D) time; O(N + Σ|L_i| + threads · D) memory.
  public static func measure(
    _ source: some RowSource, epsilon: Double, name: String = "", extremes: Bool = true, context: ExecutionContext
  ) -> ActivationProfile {
    var pass = RowPass()
    let rows = pass.add(RowStatistics(maxZ: extremes))
    let activations = pass.add(ActivationCounts(epsilon: epsilon, keepingEntries: true))
    let statistics = pass.add(ColumnStatistics(extremes: extremes))
    let result = pass.run(source, name: name, context: context)
    return ActivationProfile(
      samples: source.rows, features: source.columns, epsilon: epsilon, rows: result[rows], activations: result[activations],
      sanity: result[statistics].statistics)
  }
}
