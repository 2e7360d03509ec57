// ssl-quality · ExactSum.swift — an exact, order-independent sum of Doubles.

/// The exact sum of any number of finite `Double`s, held as a fixed-point integer wide
/// enough for every `Double` (a "superaccumulator": 2¹⁰²⁴ down to 2⁻¹⁰⁷⁴, plus carry room).
///
/// Adding is integer addition, so sums merge exactly and associatively, in any order and
/// any grouping: split a matrix's rows any way, sum each part, add the parts, and the
/// result has the same bits. ``value`` rounds the exact sum once, to nearest.
///
/// - Complexity: O(1) per ``add(_:)`` (amortised carries), 35 words of state.
public struct ExactSum: Sendable, Equatable, Codable {
  /// Two's complement limbs, least significant first; bit 0 weighs 2⁻¹⁰⁷⁴.
  private var limbs: [UInt64]

  private static let limbCount = 35  // 2240 bits: 2098 for the range, the rest for carries
  private static let lowestExponent = -1074

  /// Zero.
  public init() { limbs = [UInt64](repeating: 0, count: Self.limbCount) }

  /// Adds `x`; non-finite values are ignored (callers sum finite entries only).
  public mutating func add(_ x: Double) {
    guard x.isFinite, x != 0 else { return }
    // x = significand · 2^exponent with an integer significand of at most 53 bits.
    let significand = x.significandBitPattern | (x.isNormal ? 1 << 52 : 0)
    let exponent = (x.isNormal ? Int(x.exponent) : -1022) - 52
    let offset = exponent - Self.lowestExponent
    let limb = offset / 64, shift = offset % 64
    let low = significand << shift
    let high = shift == 0 ? 0 : significand >> (64 - shift)
    if x > 0 { addMagnitude(low, high, at: limb) } else { subtractMagnitude(low, high, at: limb) }
  }

  /// Adds another exact sum.
  public mutating func add(_ other: ExactSum) {
    var carry: UInt64 = 0
    for i in 0..<Self.limbCount {
      let (a, o1) = limbs[i].addingReportingOverflow(other.limbs[i])
      let (b, o2) = a.addingReportingOverflow(carry)
      limbs[i] = b
      carry = (o1 ? 1 : 0) + (o2 ? 1 : 0)
    }
  }

  private mutating func addMagnitude(_ low: UInt64, _ high: UInt64, at limb: Int) {
    var (sum, overflow) = limbs[limb].addingReportingOverflow(low)
    limbs[limb] = sum
    var carry: UInt64 = overflow ? 1 : 0
    (sum, overflow) = limbs[limb + 1].addingReportingOverflow(high)
    let (withCarry, overflow2) = sum.addingReportingOverflow(carry)
    limbs[limb + 1] = withCarry
    carry = (overflow ? 1 : 0) + (overflow2 ? 1 : 0)
    var i = limb + 2
    while carry != 0 && i < Self.limbCount {
      (limbs[i], overflow) = limbs[i].addingReportingOverflow(carry)
      carry = overflow ? 1 : 0
      i += 1
    }
  }

  private mutating func subtractMagnitude(_ low: UInt64, _ high: UInt64, at limb: Int) {
    var (difference, overflow) = limbs[limb].subtractingReportingOverflow(low)
    limbs[limb] = difference
    var borrow: UInt64 = overflow ? 1 : 0
    (difference, overflow) = limbs[limb + 1].subtractingReportingOverflow(high)
    let (withBorrow, overflow2) = difference.subtractingReportingOverflow(borrow)
    limbs[limb + 1] = withBorrow
    borrow = (overflow ? 1 : 0) + (overflow2 ? 1 : 0)
    var i = limb + 2
    while borrow != 0 && i < Self.limbCount {
      (limbs[i], overflow) = limbs[i].subtractingReportingOverflow(borrow)
      borrow = overflow ? 1 : 0
      i += 1
    }
  }

  /// The sum rounded to the nearest `Double` (ties to even; a result below the normal
  /// range may round twice).
  public var value: Double {
    let negative = limbs[Self.limbCount - 1] >> 63 == 1
    var magnitude = limbs
    if negative {  // two's complement negation
      var carry: UInt64 = 1
      for i in magnitude.indices {
        let (sum, overflow) = (~magnitude[i]).addingReportingOverflow(carry)
        magnitude[i] = sum
        carry = overflow ? 1 : 0
      }
    }
    guard let top = magnitude.lastIndex(where: { $0 != 0 }) else { return 0 }
    // The 64 bits below the leading one (and the sticky OR of the rest) round once.
    let lead = 63 - magnitude[top].leadingZeroBitCount
    let bitIndex = top * 64 + lead  // position of the leading one
    let start = bitIndex - 63  // lowest bit of the 64-bit window
    var window: UInt64 = 0
    var sticky = false
    for i in 0..<64 {
      let bit = start + i
      if bit >= 0, (magnitude[bit / 64] >> UInt64(bit % 64)) & 1 == 1 { window |= 1 << UInt64(i) }
    }
    if start > 0 {
      for i in 0..<(start / 64) where magnitude[i] != 0 { sticky = true }
      let partial = start % 64
      if partial > 0, magnitude[start / 64] & ((1 << UInt64(partial)) - 1) != 0 { sticky = true }
    }
    if sticky { window |= 1 }  // 64 > 53 + 2 bits: the sticky bit rounds correctly
    let scaled = Double(sign: .plus, exponent: start + Self.lowestExponent, significand: Double(window))
    return negative ? -scaled : scaled
  }
}
