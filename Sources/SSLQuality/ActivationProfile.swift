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
  /// `L_i` of row `i` is `entryFeatures[entryOffsets[i]..<entryOffsets[i+1]]` (ascending).
  let entryOffsets: [Int]
  let entryFeatures: [Int32]
  let entryDeviations: [Double]

  /// Whether row `i` holds only finite values (and so takes part in the analysis).
  public func isFinite(_ row: Int) -> Bool { !rowMean[row].isNaN }

  /// Number of rows with only finite values (the `N` of `A_j`).
  public var finiteSamples: Int { samples - sanity.nonFiniteRows }

  /// The highly-activating features of row `i` and their deviations `h_ij − μ_i`.
  public func highlyActive(_ row: Int) -> [(feature: Int, deviation: Double)] {
    (entryOffsets[row]..<entryOffsets[row + 1]).map { (Int(entryFeatures[$0]), entryDeviations[$0]) }
  }

  /// `A_j = |{ i : j ∈ L_i }| / N` over the finite rows (all zero when there are none).
  public var activationFrequency: [Double] {
    var counts = [Int](repeating: 0, count: features)
    for feature in entryFeatures { counts[Int(feature)] += 1 }
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
      statistics.add(block: block, rows: rows, elements: elements, worker: worker)
      blocks[block] = ActivationBlock(rows: rows.count, elements: elements, columns: columns, epsilon: epsilon)
      progress?(rows.count)
    }
    var mean: [Double] = [], std: [Double] = [], l1: [Double] = [], maxZ: [Double] = []
    var offsets = [0], features: [Int32] = [], deviations: [Double] = []
    for block in blocks.inOrder {
      mean += block.mean
      std += block.std
      l1 += block.l1
      maxZ += block.maxZ
      let base = features.count
      offsets += block.offsets.dropFirst().map { $0 + base }
      features += block.features
      deviations += block.deviations
    }
    return ActivationProfile(
      samples: source.rows, features: columns, epsilon: epsilon, rowMean: mean, rowStd: std, l1Norm: l1, maxZ: maxZ,
      sanity: statistics.result(), entryOffsets: offsets, entryFeatures: features, entryDeviations: deviations)
  }
}

/// The part of an ``ActivationProfile`` one row block contributes.
private struct ActivationBlock {
  var mean: [Double] = [], std: [Double] = [], l1: [Double] = [], maxZ: [Double] = []
  var offsets = [0]
  var features: [Int32] = []
  var deviations: [Double] = []

  typealias Lanes = SIMD8<Float>
  typealias Wide = SIMD8<Double>

  init(rows: Int, elements: UnsafeBufferPointer<Float>, columns: Int, epsilon: Double) {
    mean.reserveCapacity(rows)
    std.reserveCapacity(rows)
    l1.reserveCapacity(rows)
    maxZ.reserveCapacity(rows)
    offsets.reserveCapacity(rows + 1)
    let lanes = Lanes.scalarCount, vectorEnd = columns - columns % lanes
    let raw = UnsafeRawPointer(elements.baseAddress!)
    let d = Double(columns)
    for row in 0..<rows {
      let start = row * columns
      let h = elements.baseAddress! + start
      // Pass 1 over the row (in cache): sum, L1, max, finiteness.
      var sum = Wide(), absolute = Wide(), top = Lanes(repeating: -.infinity)
      var finite = true
      var j = 0
      while j < vectorEnd {
        let v = raw.loadUnaligned(fromByteOffset: (start + j) * 4, as: Lanes.self)
        if any((v - v) .!= 0) { finite = false }
        sum += Wide(v)
        absolute += Wide(v.replacing(with: -v, where: v .< 0))
        top = top.replacing(with: v, where: v .> top)
        j += lanes
      }
      var total = sum.sum(), norm = absolute.sum(), largest = top.max()
      while j < columns {
        let v = h[j]
        if !v.isFinite { finite = false }
        total += Double(v)
        norm += Double(v.magnitude)
        largest = max(largest, v)
        j += 1
      }
      guard finite else {
        mean.append(.nan)
        std.append(.nan)
        l1.append(.nan)
        maxZ.append(.nan)
        offsets.append(features.count)
        continue
      }
      let mu = total / d
      // Pass 2: population variance around μ, in Double.
      var squares = Wide()
      let muWide = Wide(repeating: mu)
      j = 0
      while j < vectorEnd {
        let deviation = Wide(raw.loadUnaligned(fromByteOffset: (start + j) * 4, as: Lanes.self)) - muWide
        squares += deviation * deviation
        j += lanes
      }
      var squareSum = squares.sum()
      while j < columns {
        let deviation = Double(h[j]) - mu
        squareSum += deviation * deviation
        j += 1
      }
      let sigma = (squareSum / d).squareRoot()
      mean.append(mu)
      std.append(sigma)
      l1.append(norm)
      maxZ.append(sigma > 0 ? (Double(largest) - mu) / sigma : 0)
      // Pass 3: h_ij > t in Double ⟺ h_ij > t↓ in Float, t↓ the largest float ≤ t.
      let threshold = mu + epsilon * sigma
      var cut = Float(threshold)
      if Double(cut) > threshold { cut = cut.nextDown }
      let cutLanes = Lanes(repeating: cut)
      j = 0
      while j < vectorEnd {
        let v = raw.loadUnaligned(fromByteOffset: (start + j) * 4, as: Lanes.self)
        if any(v .> cutLanes) {
          for lane in 0..<lanes where v[lane] > cut {
            features.append(Int32(j + lane))
            deviations.append(Double(v[lane]) - mu)
          }
        }
        j += lanes
      }
      while j < columns {
        if h[j] > cut {
          features.append(Int32(j))
          deviations.append(Double(h[j]) - mu)
        }
        j += 1
      }
      offsets.append(features.count)
    }
  }
}
