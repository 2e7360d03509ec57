// ssl-quality · ThresholdScan.swift — the entries of a row above a Double threshold, found on float lanes.

/// Finds the entries of a float row above a threshold `t` given in `Double`.
///
/// `h > t` in `Double` ⟺ `h > t↓` in `Float`, with `t↓` the largest float ≤ `t` (a float
/// above `t↓` is not ≤ `t`, and one above `t` is above `t↓ ≤ t`), so the comparison runs
/// on 8 float lanes and gives exactly the `Double` answer.
enum ThresholdScan {
  typealias Lanes = SIMD8<Float>

  /// `t↓`: the largest float ≤ `threshold` (for `±∞` itself; NaN stays NaN).
  static func floatCut(_ threshold: Double) -> Float {
    var cut = Float(threshold)
    if Double(cut) > threshold { cut = cut.nextDown }
    return cut
  }

  /// Writes every `j` with `row[j] > cut` to `found`, in ascending order, and returns
  /// how many there are. `found` must hold `columns + 8` entries.
  ///
  /// Up to 64 groups of 32 columns at a time: first one bit per group saying whether its
  /// lane-wise maximum exceeds the cut (no branch), then, for each set bit, the group's 4
  /// vectors store the packed indices of their lanes above the cut (``packedLanes``) and
  /// advance by the number of hits. Branching on each group instead mispredicts about
  /// once per hit on rows whose hits are scattered (a third of the groups of a ReLU row at
  /// ε = 4, at random), which cost more than the scan itself. With `everyGroup` every
  /// vector is packed in turn, without the maxima: cheaper on dense rows, where groups are seldom
  /// empty (at one entry in 20 columns a fifth are, (1 − 1/20)³² ≈ 0.19, and skipping them
  /// no longer pays for the maxima).
  @inline(__always)
  static func indices(
    in row: UnsafePointer<Float>, columns: Int, above cut: Float, into found: UnsafeMutablePointer<Int32>, everyGroup: Bool = false
  ) -> Int {
    let lanes = Lanes.scalarCount, group = 4 * lanes
    let raw = UnsafeRawPointer(row), target = UnsafeMutableRawPointer(found)
    let cutLanes = Lanes(repeating: cut)
    return packedLanes.withUnsafeBufferPointer { packed in
      // Offsets in wrapping arithmetic: every index is below `columns`, and kept ≤ j.
      // `indices`: the first column of the vector being packed, in every lane.
      var kept = 0
      @inline(__always) func pack(_ v: Lanes, indices: SIMD8<Int32>) {
        let bits = Int((v .> cutLanes).laneBits)
        target.storeBytes(of: packed[bits] &+ indices, toByteOffset: kept &* 4, as: SIMD8<Int32>.self)
        kept &+= bits.nonzeroBitCount
      }
      @inline(__always) func load(_ j: Int) -> Lanes { raw.loadUnaligned(fromByteOffset: j &* 4, as: Lanes.self) }
      let step = SIMD8<Int32>(repeating: Int32(lanes))
      var j = 0
      let groupEnd = everyGroup ? 0 : columns - columns % group, vectorEnd = columns - columns % lanes
      while j < groupEnd {
        let groups = Swift.min(64, (groupEnd - j) / group)
        var hit: UInt64 = 0
        for g in 0..<groups {
          let first = j &+ g &* group
          let v0 = load(first), v1 = load(first &+ lanes), v2 = load(first &+ 2 &* lanes), v3 = load(first &+ 3 &* lanes)
          let m01 = v0.replacing(with: v1, where: v1 .> v0), m23 = v2.replacing(with: v3, where: v3 .> v2)
          hit |= ((m01.replacing(with: m23, where: m23 .> m01) .> cutLanes).anyLane ? 1 : 0) &<< UInt64(g)
        }
        while hit != 0 {
          let first = j &+ hit.trailingZeroBitCount &* group
          hit &= hit &- 1
          let indices = SIMD8<Int32>(repeating: Int32(truncatingIfNeeded: first))
          pack(load(first), indices: indices)
          pack(load(first &+ lanes), indices: indices &+ step)
          pack(load(first &+ 2 &* lanes), indices: indices &+ step &+ step)
          pack(load(first &+ 3 &* lanes), indices: indices &+ step &+ step &+ step)
        }
        j &+= groups &* group
      }
      // The rest, and with `everyGroup` the whole row, vector by vector.
      var indices = SIMD8<Int32>(repeating: Int32(truncatingIfNeeded: j))
      let pairEnd = j &+ (vectorEnd &- j) / (2 &* lanes) &* (2 &* lanes)
      while j < pairEnd {
        pack(load(j), indices: indices)
        pack(load(j &+ lanes), indices: indices &+ step)
        indices &+= step &+ step
        j &+= 2 &* lanes
      }
      while j < vectorEnd {
        pack(load(j), indices: indices)
        indices &+= step
        j &+= lanes
      }
      if j < columns {
        var tail = Lanes(repeating: -.infinity)
        for lane in 0..<(columns - j) { tail[lane] = row[j + lane] }
        pack(tail, indices: indices)
      }
      return kept
    }
  }

  /// For each 8-bit lane mask, the indices of its set lanes in ascending order, then zeros.
  private static let packedLanes: [SIMD8<Int32>] = (0..<256).map { bits in
    var packed = SIMD8<Int32>(repeating: 0), count = 0
    for lane in 0..<8 where bits & (1 << lane) != 0 {
      packed[count] = Int32(lane)
      count += 1
    }
    return packed
  }
}
