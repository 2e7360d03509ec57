// ssl-quality · RowMoments.swift — what one scan of a row finds, shared by every accumulator.

/// Sums, extremes and counts of one row, and its mean and population standard deviation:
///
/// ```
/// μ_i = mean_j h_ij        σ_i = sqrt(mean_j (h_ij − μ_i)²)
/// ```
///
/// accumulated in `Double` (a float's square is exact in `Double`), so thresholds built on
/// them match a float64 numpy reference. `mean` and `std` are NaN for a row holding NaN or
/// ±∞; the sums then cover its finite entries.
public struct RowMoments: Sendable, Equatable {
  /// Sum of the finite entries and of their squares (NaN when the scan skipped the spread).
  public var sum: Double, sumOfSquares: Double
  /// NaN entries, non-finite entries (NaN or ±∞) and entries below zero.
  public var nanCount: Int, nonFiniteCount: Int, negativeCount: Int
  /// Whether some entry is not exactly zero.
  public var anyNonZero: Bool
  /// Smallest and largest finite entry (+∞ and −∞ when there is none; NaN when the scan
  /// skipped them, see ``measure(_:into:spread:extremes:)``).
  public var minimum: Float, maximum: Float
  /// `μ_i` and `σ_i` (NaN for a row with NaN or ±∞).
  public var mean: Double, std: Double

  /// Whether every entry is finite.
  public var isFinite: Bool { nonFiniteCount == 0 }

  /// Replaces `moments` with the moments of every row of `block` (a concrete function, so
  /// the scan is compiled for `Float` whatever the generic pass that calls it).
  ///
  /// Without `spread`, the scan skips the squares (a multiply-add per entry):
  /// `sumOfSquares` and `std` are then NaN for every row. Without `extremes`, it skips
  /// the smallest and largest entry (two comparisons per 8 entries): `minimum` and
  /// `maximum` are then NaN for every row.
  @inline(never)
  static func measure(_ block: MatrixView, into moments: inout [RowMoments], spread: Bool = true, extremes: Bool = true) {
    moments.removeAll(keepingCapacity: true)
    switch (spread, extremes) {
    case (true, true): scan(block, into: &moments, spread: On.self, extremes: On.self)
    case (true, false): scan(block, into: &moments, spread: On.self, extremes: Off.self)
    case (false, true): scan(block, into: &moments, spread: Off.self, extremes: On.self)
    case (false, false): scan(block, into: &moments, spread: Off.self, extremes: Off.self)
    }
  }

  /// The scan of every row with `spread` and `extremes` given as types, so that each
  /// combination is compiled on its own with both fixed (passed as values, the scan
  /// would be compiled once and test both inside its loop).
  @inline(never)
  private static func scan<Spread: ScanFlag, Extremes: ScanFlag>(
    _ block: MatrixView, into moments: inout [RowMoments], spread: Spread.Type, extremes: Extremes.Type
  ) {
    for row in 0..<block.rows {
      moments.append(RowMoments(row: block.rowStart(row), columns: block.columns, spread: Spread.isOn, extremes: Extremes.isOn))
    }
  }

  typealias Lanes = SIMD8<Float>

  /// Scans the `columns` floats at `row`.
  ///
  /// The scan keeps only sums and extremes: a NaN or ±∞ makes the `Double` sum non-finite
  /// (a sum of finite floats cannot overflow a `Double`), so such a row is scanned again
  /// with masking (rare); negative entries are counted in a second scan only when the
  /// smallest entry is negative. The variance is `E[h²] − μ²` from the same sums; where
  /// that cancels badly (below `1e-6 μ²`), a second scan computes `Σ (h − μ)²` as numpy does.
  /// Without `spread`, the squares are skipped and `sumOfSquares` and `std` are NaN.
  /// Without `extremes`, `minimum` and `maximum` are NaN, and whether some entry is
  /// negative or not zero is read from the OR of the entries' bits instead (a sign bit or
  /// a magnitude bit set somewhere): the same counts and flags.
  @inline(__always)
  init(row: UnsafePointer<Float>, columns: Int, spread: Bool = true, extremes: Bool = true) {
    let lanes = Lanes.scalarCount, vectorEnd = columns - columns % lanes
    let raw = UnsafeRawPointer(row)
    var rowSum = SIMD8<Double>(), rowSquares = SIMD8<Double>()
    var oddSum = SIMD8<Double>(), oddSquares = SIMD8<Double>()  // a second chain: the adds are latency-bound
    var rowLow = Lanes(repeating: .infinity), rowHigh = Lanes(repeating: -.infinity)
    var rowBits = SIMD8<UInt32>()
    @inline(__always) func fold(_ v: Lanes, into sum: inout SIMD8<Double>, _ squares: inout SIMD8<Double>) {
      let wide = v.widened
      sum += wide
      if spread { squares.addProduct(wide, wide) }
      if extremes {
        rowLow.replace(with: v, where: v .< rowLow)
        rowHigh.replace(with: v, where: v .> rowHigh)
      } else {
        rowBits |= unsafeBitCast(v, to: SIMD8<UInt32>.self)
      }
    }
    let pairEnd = columns - columns % (2 * lanes)
    var j = 0
    while j < pairEnd {
      fold(raw.loadUnaligned(fromByteOffset: j * 4, as: Lanes.self), into: &rowSum, &rowSquares)
      fold(raw.loadUnaligned(fromByteOffset: (j + lanes) * 4, as: Lanes.self), into: &oddSum, &oddSquares)
      j += 2 * lanes
    }
    while j < vectorEnd {
      fold(raw.loadUnaligned(fromByteOffset: j * 4, as: Lanes.self), into: &rowSum, &rowSquares)
      j += lanes
    }
    sum = (rowSum + oddSum).sum()
    sumOfSquares = (rowSquares + oddSquares).sum()
    minimum = rowLow.min()
    maximum = rowHigh.max()
    var bits = rowBits[0] | rowBits[1] | rowBits[2] | rowBits[3] | rowBits[4] | rowBits[5] | rowBits[6] | rowBits[7]
    for k in j..<columns {
      let v = row[k]
      sum += Double(v)
      sumOfSquares += Double(v) * Double(v)
      minimum = Swift.min(minimum, v)
      maximum = Swift.max(maximum, v)
      bits |= v.bitPattern
    }
    nanCount = 0
    nonFiniteCount = 0
    if extremes {
      anyNonZero = !(minimum == 0 && maximum == 0)
      negativeCount = minimum < 0 ? Self.negatives(row, columns: columns) : 0
    } else {
      (minimum, maximum) = (.nan, .nan)
      anyNonZero = bits & 0x7FFF_FFFF != 0 || columns == 0  // an empty row, as the extremes' test (+∞, −∞) says
      negativeCount = bits & 0x8000_0000 != 0 ? Self.negatives(row, columns: columns) : 0
    }
    mean = .nan
    std = .nan
    if !sum.isFinite {
      self = RowMoments(masking: row, columns: columns)
      if !extremes { (minimum, maximum) = (.nan, .nan) }
      return
    }
    let d = Double(columns), mu = sum / d
    guard spread else {
      (sumOfSquares, mean) = (.nan, mu)
      return
    }
    var squareSum = sumOfSquares - sum * mu
    if !(squareSum > 1e-6 * sum * mu) {
      var squares = SIMD8<Double>()
      let muWide = SIMD8<Double>(repeating: mu)
      var k = 0
      while k < vectorEnd {
        let deviation = raw.loadUnaligned(fromByteOffset: k * 4, as: Lanes.self).widened - muWide
        squares += deviation * deviation
        k += lanes
      }
      squareSum = squares.sum()
      while k < columns {
        let deviation = Double(row[k]) - mu
        squareSum += deviation * deviation
        k += 1
      }
    }
    mean = mu
    std = (squareSum / d).squareRoot()
  }

  /// Number of entries below zero.
  private static func negatives(_ row: UnsafePointer<Float>, columns: Int) -> Int {
    let lanes = Lanes.scalarCount, vectorEnd = columns - columns % lanes
    let raw = UnsafeRawPointer(row)
    var counts = SIMD8<Int32>()
    var j = 0
    while j < vectorEnd {
      counts &-= unsafeBitCast(raw.loadUnaligned(fromByteOffset: j * 4, as: Lanes.self) .< 0, to: SIMD8<Int32>.self)
      j += lanes
    }
    var count = Int(counts.wrappedSum())
    for k in j..<columns where row[k] < 0 { count += 1 }
    return count
  }

  /// The masked scan of a row holding NaN or ±∞: sums and extremes of its finite entries.
  private init(masking row: UnsafePointer<Float>, columns: Int) {
    (sum, sumOfSquares, nanCount, nonFiniteCount, negativeCount, anyNonZero) = (0, 0, 0, 0, 0, false)
    (minimum, maximum, mean, std) = (.infinity, -.infinity, .nan, .nan)
    for j in 0..<columns {
      let v = row[j]
      if v.isNaN { nanCount += 1 }
      if v.isFinite {
        sum += Double(v)
        sumOfSquares += Double(v) * Double(v)
        minimum = Swift.min(minimum, v)
        maximum = Swift.max(maximum, v)
      } else {
        nonFiniteCount += 1
      }
      if v < 0 { negativeCount += 1 }
      if v != 0 { anyNonZero = true }
    }
  }
}

/// A scan option known when the scan is compiled (see ``RowMoments/measure(_:into:spread:extremes:)``).
private protocol ScanFlag { static var isOn: Bool { get } }
private enum On: ScanFlag { static var isOn: Bool { true } }
private enum Off: ScanFlag { static var isOn: Bool { false } }
