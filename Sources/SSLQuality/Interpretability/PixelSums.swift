// ssl-quality · PixelSums.swift — vectorised sums and counts over image pixels.

/// Sums of `Float` pixels accumulated in `Double`, and threshold counts, written so they
/// vectorise: four independent `SIMD8<Double>` accumulators hide the add latency, and
/// counts subtract
/// compare masks in `Int32` lanes over blocks short enough not to overflow.
enum PixelSums {
  /// Pixels per counting block (`Int32` counters cannot overflow within one).
  static let blockSize = 1 << 30

  /// `Σ values[i]` in `Double`.
  static func sum(_ values: UnsafeBufferPointer<Float>) -> Double {
    guard let base = values.baseAddress else { return 0 }
    let v = UnsafeRawPointer(base), count = values.count
    var s0 = SIMD8<Double>(repeating: 0), s1 = s0, s2 = s0, s3 = s0
    var index = 0
    while index + 32 <= count {
      s0 += SIMD8<Double>(v.loadUnaligned(fromByteOffset: index * 4, as: SIMD8<Float>.self))
      s1 += SIMD8<Double>(v.loadUnaligned(fromByteOffset: index * 4 + 32, as: SIMD8<Float>.self))
      s2 += SIMD8<Double>(v.loadUnaligned(fromByteOffset: index * 4 + 64, as: SIMD8<Float>.self))
      s3 += SIMD8<Double>(v.loadUnaligned(fromByteOffset: index * 4 + 96, as: SIMD8<Float>.self))
      index += 32
    }
    var total = ((s0 + s1) + (s2 + s3)).sum()
    while index < count {
      total += Double(values[index])
      index += 1
    }
    return total
  }

  /// `Σ values[i]` over the pixels whose `gate[i] >= threshold`, in `Double`.
  ///
  /// - Precondition: `gate` is at least as long as `values`.
  static func sum(_ values: UnsafeBufferPointer<Float>, gate: UnsafeBufferPointer<Float>, atLeast threshold: Float) -> Double {
    guard let base = values.baseAddress, let gateBase = gate.baseAddress else { return 0 }
    precondition(gate.count >= values.count, "gate shorter than values")
    let v = UnsafeRawPointer(base), g = UnsafeRawPointer(gateBase), count = values.count
    let thresholds = SIMD8<Float>(repeating: threshold), zero = SIMD8<Float>(repeating: 0)
    var s0 = SIMD8<Double>(repeating: 0), s1 = s0
    var index = 0
    while index + 16 <= count {
      let x0 = v.loadUnaligned(fromByteOffset: index * 4, as: SIMD8<Float>.self)
      let x1 = v.loadUnaligned(fromByteOffset: index * 4 + 32, as: SIMD8<Float>.self)
      let g0 = g.loadUnaligned(fromByteOffset: index * 4, as: SIMD8<Float>.self)
      let g1 = g.loadUnaligned(fromByteOffset: index * 4 + 32, as: SIMD8<Float>.self)
      s0 += SIMD8<Double>(zero.replacing(with: x0, where: g0 .>= thresholds))
      s1 += SIMD8<Double>(zero.replacing(with: x1, where: g1 .>= thresholds))
      index += 16
    }
    var total = (s0 + s1).sum()
    while index < count {
      if gate[index] >= threshold { total += Double(values[index]) }
      index += 1
    }
    return total
  }

  /// Number of `values[i] >= threshold`.
  static func count(_ values: UnsafeBufferPointer<Float>, atLeast threshold: Float) -> Int {
    guard let base = values.baseAddress else { return 0 }
    let v = UnsafeRawPointer(base), count = values.count, thresholds = SIMD8<Float>(repeating: threshold)
    var total = 0, index = 0
    while index + 8 <= count {
      let end = index + min(count - index, blockSize) / 8 * 8
      var lanes = SIMD8<Int32>(repeating: 0)
      while index < end {
        lanes &-= ones(v.loadUnaligned(fromByteOffset: index * 4, as: SIMD8<Float>.self) .>= thresholds)
        index += 8
      }
      total += Int(lanes.wrappedSum())
    }
    while index < count {
      total += values[index] >= threshold ? 1 : 0
      index += 1
    }
    return total
  }

  /// A comparison result as lanes of −1 (true) and 0 (false), the form vector compares
  /// produce, so that subtracting it counts.
  @inline(__always)
  static func ones(_ mask: SIMDMask<SIMD8<Int32>>) -> SIMD8<Int32> {
    unsafeBitCast(mask, to: SIMD8<Int32>.self)
  }
}
