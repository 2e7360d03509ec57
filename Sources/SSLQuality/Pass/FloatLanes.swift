// ssl-quality · FloatLanes.swift — the 8-float vector the row scans run on: exact widening and lane bits.

import CLanes

extension SIMD8 where Scalar == Float {
  /// The lanes as `Double` (exact: every float is a double).
  ///
  /// Written lane by lane, which the compiler turns into two in-place `vcvtps2pd`; the
  /// generic `SIMD8<Double>(_:)` initialiser stays an out-of-line call in loops that
  /// convert twice per iteration, costing a call, spills and reloads per vector.
  @inline(__always)
  var widened: SIMD8<Double> {
    SIMD8<Double>(
      Double(self[0]), Double(self[1]), Double(self[2]), Double(self[3]),
      Double(self[4]), Double(self[5]), Double(self[6]), Double(self[7]))
  }
}

extension SIMD8 where Scalar == Int32 {
  /// Whether some lane is not zero: one `vptest`. (The standard `any(_:)` is a horizontal
  /// minimum that the compiler leaves as an out-of-line call in larger loops, and `.==`
  /// on integer lanes is compiled lane by lane.)
  @inline(__always)
  var anyNonZero: Bool {
    let words = unsafeBitCast(self, to: (UInt64, UInt64, UInt64, UInt64).self)
    return (words.0 | words.1 | words.2 | words.3) != 0
  }
}

extension SIMDMask where Storage == SIMD8<Int32> {
  /// Whether some lane is true (see ``SIMD8/anyNonZero``).
  @inline(__always)
  var anyLane: Bool { unsafeBitCast(self, to: SIMD8<Int32>.self).anyNonZero }

  /// The lanes as bits, lowest lane first: one `vmovmskps` with AVX (``lanes_mask_bits``).
  /// Test ``anyLane`` first where most masks are empty: it is one `vtestps`.
  @inline(__always)
  var laneBits: UInt32 { lanes_mask_bits(unsafeBitCast(self, to: SIMD8<Int32>.self)) }
}
