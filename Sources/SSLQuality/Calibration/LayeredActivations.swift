// ssl-quality · LayeredActivations.swift — the highly-activating entries of several ε from one search.

import CLanes

/// `L_i(ε) = { j : h_ij > μ_i + ε σ_i }` for several ε at once, found by one search.
///
/// Since `σ_i ≥ 0`, the thresholds `μ_i + ε σ_i` (rounded in `Double`) never decrease with
/// ε, so every `L_i(ε)` is a subset of `L_i` at the smallest ε. Each row is searched once
/// at the smallest ε (``ThresholdScan``) and every entry found is kept: its value `h_ij`
/// and the step from the row's previous entry to its feature, 5 bytes (``LayeredEntries``),
/// in regions that may be backed by huge pages (``EntryRegion``). Whether it is in `L_i(ε)`
/// for a larger ε is its value compared with that ε's cut `t↓` on floats, which is the `Double` comparison of
/// ``ActivationCounts`` (``ThresholdScan/floatCut(_:)``). So
/// ``Partial/activationFrequencies`` and ``Partial/qScores(discriminative:rows:normalization:context:)``
/// give, bit for bit, what one ``ActivationCounts`` pass with that ε gives.
///
/// Each entry found is counted at its level, the number of larger ε it passes (8 entries
/// compared with each cut at once); the count of feature `j` at ε_k is then the sum of its
/// counts at levels k and above, added once when the frequencies are read.
public struct LayeredActivations: RowAccumulator {
  /// The distinct ε, ascending.
  public let epsilons: [Double]

  /// - Precondition: `epsilons` is not empty and holds finite values ≥ 0.
  public init(epsilons: [Double]) {
    precondition(!epsilons.isEmpty && epsilons.allSatisfy { $0.isFinite && $0 >= 0 }, "ε must be finite and ≥ 0")
    self.epsilons = Array(Set(epsilons)).sorted()
  }

  /// Reads the rows' means and spreads, never their extremes.
  public var needsRowExtremes: Bool { false }

  public struct Partial: PartialState, Equatable {
    public let startRow: Int
    public let columns: Int
    /// The distinct ε, ascending.
    public let epsilons: [Double]
    public internal(set) var rowCount = 0
    /// Rows with only finite values (the `N` of `A_j`).
    public internal(set) var finiteRowCount = 0
    /// `L_i` at the smallest ε, in row blocks.
    public internal(set) var blocks: [LayeredEntries] = []
    /// Where the next block's entries go (not part of the state's value; encoded as `null`).
    var region = EntryRegion()
    /// Per level `l` (from 0) and feature `j`, at `l · columns + j`: the rows whose largest ε
    /// with `j` in `L_i(ε)` is `ε_l`, `|{ i : j ∈ L_i(ε_l) \ L_i(ε_{l+1}) }|`.
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
      func flat(_ blocks: [LayeredEntries]) -> (lengths: [Int], steps: [UInt8], values: [UInt32], moments: [UInt64]) {
        (
          blocks.flatMap { block in (0..<block.rowCount).map { block.offsets[$0 + 1] - block.offsets[$0] } },
          blocks.flatMap(\.steps), blocks.flatMap { $0.values.map(\.bitPattern) },
          blocks.flatMap { zip($0.means, $0.stds).flatMap { [$0.bitPattern, $1.bitPattern] } }
        )
      }
      let a = flat(lhs.blocks), b = flat(rhs.blocks)
      return lhs.startRow == rhs.startRow && lhs.columns == rhs.columns && lhs.epsilons.map(\.bitPattern) == rhs.epsilons.map(\.bitPattern)
        && lhs.rowCount == rhs.rowCount && lhs.finiteRowCount == rhs.finiteRowCount && lhs.levelCounts == rhs.levelCounts
        && a.lengths == b.lengths && a.steps == b.steps && a.values == b.values && a.moments == b.moments
    }

    /// The position of `epsilon` in ``epsilons`` (the number of smaller ε).
    public func rank(of epsilon: Double) -> Int { epsilons.count { $0 < epsilon } }

    /// `A_j(ε) = |{ i : j ∈ L_i(ε) }| / N` over the finite rows, per ε of ``epsilons``,
    /// exactly as ``ActivationCounts/Partial/activationFrequency`` computes it.
    ///
    /// - Complexity: O(|epsilons| · D).
    public var activationFrequencies: [[Double]] {
      let finite = finiteRowCount, n = Double(finite), layers = epsilons.count
      // |{ i : j ∈ L_i(ε_k) }|: the entries of level k and above, summed from the top down.
      var counts = [Int](repeating: 0, count: layers * columns)
      for j in 0..<columns {
        var running = 0
        for k in (0..<layers).reversed() {
          running += levelCounts[k * columns + j]
          counts[k * columns + j] = running
        }
      }
      return (0..<layers).map { k in counts[(k * columns)..<((k + 1) * columns)].map { finite == 0 ? 0 : Double($0) / n } }
    }

    /// The Q-Scores at every ε of ``epsilons``, `Dset` of each given by `discriminative`
    /// (one per ε), as ``QScores/init(profile:discriminative:normalization:context:)``
    /// computes them at that ε alone: each row's terms are summed in the same (ascending
    /// feature) order, so the values are the same bits.
    ///
    /// - Returns: per ε, `Q_i` of every row (NaN for non-finite rows) and the number of
    ///   finite rows with `L_i ∩ Dset` empty.
    /// - Complexity: O(N · |epsilons| + Σ|L_i| · ⌈|epsilons| / 8⌉) spread over the context's workers.
    public func qScores(
      discriminative: [DiscriminativeFeatures], normalization: QScoreNormalization, context: ExecutionContext
    ) -> [(values: [Double], emptyCount: Int)] {
      precondition(discriminative.count == epsilons.count && discriminative.allSatisfy { $0.frequencies.count == columns })
      let layers = epsilons.count, width = columns, groups = (layers + 7) / 8, epsilons = epsilons
      // Layers go 8 at a time through the lanes of one vector. Per group g and feature j,
      // at g · D + j: lane k is −1 when j is in Dset of layer 8g + k, else 0.
      var memberLanes = [SIMD8<Int32>](repeating: .zero, count: groups * columns)
      for (k, features) in discriminative.enumerated() {
        for (j, isMember) in features.membership.enumerated() where isMember { memberLanes[(k / 8) * columns + j][k % 8] = -1 }
      }
      let blocks = blocks
      let parts = context.parallelMap(blocks.count) { index -> (values: [Double], empty: [Int]) in
        let block = blocks[index], rowCount = block.rowCount
        var values = [Double](repeating: 0, count: layers * rowCount), empty = [Int](repeating: 0, count: layers)
        memberLanes.withUnsafeBufferPointer { memberLanes in
          block.steps.withUnsafeBufferPointer { steps in
            block.values.withUnsafeBufferPointer { found in
              for local in 0..<rowCount {
                let mu = block.means[local]
                guard !mu.isNaN else {
                  for k in 0..<layers { values[k * rowCount + local] = .nan }
                  continue
                }
                let sigma = block.stds[local], entries = block.offsets[local]..<block.offsets[local + 1]
                for group in 0..<groups {
                  // Lane k: the cut of layer 8g + k, exactly as the search made it (+∞ past the last layer).
                  let firstLayer = 8 * group, lanes = min(8, layers - firstLayer)
                  var cuts = SIMD8<Float>(repeating: .infinity)
                  for lane in 0..<lanes { cuts[lane] = ThresholdScan.floatCut(mu + epsilons[firstLayer + lane] * sigma) }
                  // Lane k sums the terms of the entries in L_i ∩ Dset of layer 8g + k, in
                  // ascending feature order as score does; any other entry (a filler too)
                  // adds +0 to it, which leaves the sum's bits unchanged.
                  var sum = SIMD8<Double>(), count = SIMD8<Int32>()
                  let members = memberLanes.baseAddress! + group * width
                  @inline(__always) func add(_ term: (Double) -> Double) {
                    var feature = -1
                    for entry in entries {
                      feature &+= Int(steps[entry])
                      let value: Float = found[entry], member: SIMD8<Int32> = members[feature]
                      let active = unsafeBitCast(SIMD8<Float>(repeating: value) .> cuts, to: SIMD8<Int32>.self) & member
                      // The term where the lane is active, +0 elsewhere.
                      let lanes = unsafeBitCast(SIMD8<Double>(repeating: term(Double(value) - mu)), to: SIMD8<Int64>.self)
                      sum += unsafeBitCast(lanes & SIMD8<Int64>(truncatingIfNeeded: active), to: SIMD8<Double>.self)
                      count &-= active
                    }
                  }
                  // One loop per normalisation (a division per entry where none is needed costs as much as the rest).
                  switch normalization {
                  case .none: add { $0 }
                  case .zscore: add { sigma > 0 ? $0 / sigma : 0 }
                  }
                  for lane in 0..<lanes {
                    let k = firstLayer + lane, terms = count[lane]
                    if terms == 0 { empty[k] += 1 } else { values[k * rowCount + local] = sum[lane] / Double(terms) }
                  }
                }
              }
            }
          }
        }
        return (values, empty)
      }
      return (0..<layers).map { k in
        var values: [Double] = [], empty = 0
        values.reserveCapacity(rowCount)
        for (partValues, partEmpty) in parts {
          let n = partValues.count / layers
          values += partValues[(k * n)..<(k * n + n)]
          empty += partEmpty[k]
        }
        return (values, empty)
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
    entries.means.reserveCapacity(block.rowCount)
    entries.stds.reserveCapacity(block.rowCount)
    // The block's values are written straight into the partial state's region: room for
    // as many entries per row as the segment's last block had, and some slack, made larger
    // (seldom) when a row might not fit (a row's entries, fillers included, are at most
    // `capacity`); values are read 8 at a time, past the row's last entry too: 8 more. Its
    // steps (a fifth of the bytes) gather in `steps` and follow the values into the region.
    let capacity = LayeredEntries.capacity(columns: columns)
    var room = capacity + (partial.blocks.last.map { block.expectedEntries(after: $0.values.count, rows: $0.rowCount) } ?? 0)
    var values = partial.region.reserve(Float.self, count: room + 8)
    var steps: [UInt8] = []
    steps.reserveCapacity(room)
    let rowSteps = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
    var written = 0
    // A row's features (``ThresholdScan/indices(in:columns:above:into:everyGroup:)``) and
    // each entry's level go to scratch; the slot before the features holds −1, the feature
    // "before" the first (see the steps below).
    let featureSlots = UnsafeMutablePointer<Int32>.allocate(capacity: columns + 9)
    featureSlots[0] = -1
    let rowFeatures = featureSlots + 1
    let rowLevels = UnsafeMutableRawPointer.allocate(byteCount: (columns / 8 + 1) * 32, alignment: 32)
    // Per level l (the further cuts an entry passes, from 0) and feature j, at l · columns + j:
    // the block's entries of that level.
    let levelCounts = UnsafeMutablePointer<Int32>.allocate(capacity: layers * columns)
    levelCounts.initialize(repeating: 0, count: layers * columns)
    // The cuts of the larger ε (layers 1 ..< layers), each in all 8 lanes, 8 cuts to a
    // group and +∞ past the last (which no value passes).
    let furtherCount = (layers + 6) / 8 * 8
    let furtherCuts = UnsafeMutablePointer<SIMD8<Float>>.allocate(capacity: max(1, furtherCount))
    furtherCuts.initialize(repeating: SIMD8(repeating: .infinity), count: furtherCount)
    defer {
      featureSlots.deallocate()
      rowSteps.deallocate()
      rowLevels.deallocate()
      levelCounts.deallocate()
      furtherCuts.deallocate()
    }
    // Whether the last row searched had more than one entry in 20 columns: then the next
    // search packs every group (``ThresholdScan/indices(in:columns:above:into:everyGroup:)``).
    var finite = 0, dense = false
    for row in 0..<block.rowCount {
      let moments = block.moments[row]
      guard moments.isFinite else {
        entries.offsets.append(written)
        entries.means.append(.nan)
        entries.stds.append(.nan)
        continue
      }
      finite += 1
      if written + capacity > room {
        room = max(2 * room, written + capacity)
        values = partial.region.extend(Float.self, count: room + 8, keeping: written)
      }
      entries.means.append(moments.mean)
      entries.stds.append(moments.std)
      func cut(_ k: Int) -> Float { ThresholdScan.floatCut(moments.mean + epsilons[k] * moments.std) }
      for k in 1..<max(1, layers) { furtherCuts[k - 1] = SIMD8(repeating: cut(k)) }
      let h = block.values.rowStart(row), rowValues = values + written
      let kept = ThresholdScan.indices(in: h, columns: columns, above: cut(0), into: rowFeatures, everyGroup: dense)
      dense = kept * 20 > columns
      // Every step is written as its low byte; `wide` gathers their bits, so a step over
      // 255 shows as a bit above the first byte, and then the row is written again with
      // fillers. 8 entries at a time: the steps are the features less the features one
      // place before, and the values are gathered from the row.
      var wideLanes = SIMD8<Int32>(), index = 0
      let features = UnsafeRawPointer(rowFeatures), vectorEnd = kept - kept % 8
      while index < vectorEnd {
        let feature: SIMD8<Int32> = features.loadUnaligned(fromByteOffset: index &* 4, as: SIMD8<Int32>.self)
        let before: SIMD8<Int32> = features.loadUnaligned(fromByteOffset: (index &- 1) &* 4, as: SIMD8<Int32>.self)
        let step = feature &- before
        wideLanes |= step
        UnsafeMutableRawPointer(rowSteps + index).storeBytes(of: SIMD8<UInt8>(truncatingIfNeeded: step), as: SIMD8<UInt8>.self)
        UnsafeMutableRawPointer(rowValues + index).storeBytes(of: lanes_gather(h, feature), as: SIMD8<Float>.self)
        index &+= 8
      }
      var wide = wideLanes[0] | wideLanes[1] | wideLanes[2] | wideLanes[3] | wideLanes[4] | wideLanes[5] | wideLanes[6] | wideLanes[7]
      while index < kept {
        let feature = rowFeatures[index], step = feature &- rowFeatures[index &- 1]
        wide |= step
        rowSteps[index] = UInt8(truncatingIfNeeded: step)
        rowValues[index] = h[Int(feature)]
        index &+= 1
      }
      // Each entry's level, the further cuts it passes, for 8 entries at once: a lane of a
      // comparison is −1 where true. Types spelled out: `SIMD8(repeating:)` alone picks the
      // generic comparison, lane by lane.
      let raw = UnsafeRawPointer(rowValues)
      for group in 0..<((kept + 7) / 8) {
        let values: SIMD8<Float> = raw.loadUnaligned(fromByteOffset: group &* 32, as: SIMD8<Float>.self)
        var level = SIMD8<Int32>()
        for first in stride(from: 0, to: furtherCount, by: 8) {
          for k in first..<(first + 8) {
            let cuts: SIMD8<Float> = furtherCuts[k]
            level &-= unsafeBitCast(values .> cuts, to: SIMD8<Int32>.self)
          }
        }
        rowLevels.storeBytes(of: level, toByteOffset: group &* 32, as: SIMD8<Int32>.self)
      }
      for index in 0..<kept {
        let level = rowLevels.load(fromByteOffset: index &* 4, as: Int32.self)
        levelCounts[Int(level) &* columns &+ Int(rowFeatures[index])] &+= 1
      }
      let rowWritten =
        wide > LayeredEntries.longestStep
        ? LayeredEntries.write(features: rowFeatures, count: kept, of: h, steps: rowSteps, values: rowValues) : kept
      steps.append(contentsOf: UnsafeBufferPointer(start: rowSteps, count: rowWritten))
      written += rowWritten
      entries.offsets.append(written)
    }
    entries.values = partial.region.commit(Float.self, count: written)
    entries.steps = steps.withUnsafeBufferPointer { partial.region.store($0) }
    partial.levelCounts.withUnsafeMutableBufferPointer { counts in
      for index in counts.indices { counts[index] &+= Int(levelCounts[index]) }
    }
    partial.rowCount += block.rowCount
    partial.finiteRowCount += finite
    partial.blocks.append(entries)
  }
}

/// The `L_i` at the smallest ε of consecutive rows from `startRow`, 5 bytes per entry: row
/// `startRow + r` has the entries `offsets[r] ..< offsets[r + 1]`, features ascending, and
/// the row statistics `μ_i = means[r]`, `σ_i = stds[r]` (NaN for a row holding NaN or ±∞).
/// Entry `n` has the value `values[n] = h_ij` and the feature `j` that lies `steps[n]`
/// after the feature of the row's previous entry (after −1 for its first). A step longer
/// than ``longestStep`` goes through filler entries of value −∞, which pass no cut.
/// `Codable` as (part of) a row pass's partial state, to be written out and merged across shards.
public struct LayeredEntries: Sendable, Equatable, Codable {
  public let startRow: Int
  public internal(set) var offsets: [Int] = [0]
  public internal(set) var steps = EntryRun<UInt8>()
  public internal(set) var values = EntryRun<Float>()
  public internal(set) var means: [Double] = [], stds: [Double] = []

  /// The longest step one entry takes.
  public static let longestStep: Int32 = 255

  /// The most entries a row of `columns` features takes: every feature, and a filler per
  /// 255 features skipped.
  static func capacity(columns: Int) -> Int { columns + columns / Int(longestStep) + 1 }

  /// Writes the entries of the row `h` at `features` (ascending), fillers included, to
  /// `steps` and `values` (room for ``capacity(columns:)``); returns how many.
  static func write(
    features: UnsafePointer<Int32>, count: Int, of h: UnsafePointer<Float>, steps: UnsafeMutablePointer<UInt8>,
    values: UnsafeMutablePointer<Float>
  ) -> Int {
    var written = 0, previous: Int32 = -1
    for index in 0..<count {
      let feature = features[index]
      var step = feature - previous
      while step > longestStep {
        steps[written] = UInt8(longestStep)
        values[written] = -.infinity
        written += 1
        step -= longestStep
      }
      steps[written] = UInt8(step)
      values[written] = h[Int(feature)]
      written += 1
      previous = feature
    }
    return written
  }

  /// Number of rows.
  public var rowCount: Int { offsets.count - 1 }
}
