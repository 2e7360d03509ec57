// ssl-quality · ExactSum.swift — an exact, order-independent sum of Doubles.

/// The exact sum of any number of finite `Double`s, held as a fixed-point integer wide
/// enough for every `Double` (a "superaccumulator": 2¹⁰²⁴ down to 2⁻¹⁰⁷⁴, plus carry room).
///
/// Adding is integer addition, so sums merge exactly and associatively, in any order and
/// any grouping: split a matrix's rows any way, sum each part, add the parts, and the
/// result has the same bits. ``value`` rounds the exact sum once, to nearest.
///
/// - Complexity: O(1) per ``add(_:)`` (amortised carries), 35 words of state.
/// `Codable` as (part of) a row pass's partial state, to be written out and merged across shards.
public struct ExactSum: Sendable, Equatable, Codable {
  /// The sums of the positive terms' and of the negative terms' magnitudes, as unsigned
  /// fixed-point integers, least significant limb first; bit 0 weighs 2⁻¹⁰⁷⁴.
  private var positive: [UInt64], negative: [UInt64]

  private static let limbCount = 36  // 2304 bits: 2098 for the range, the rest for carries
  private static let lowestExponent = -1074

  /// Zero.
  public init() {
    positive = [UInt64](repeating: 0, count: Self.limbCount)
    negative = positive
  }

  /// Adds `x`; non-finite values are ignored (callers sum finite entries only).
  public mutating func add(_ x: Double) {
    guard x.isFinite, x != 0 else { return }
    // |x| = significand · 2^exponent with an integer significand of at most 53 bits.
    let significand = x.significandBitPattern | (x.isNormal ? 1 << 52 : 0)
    let exponent = (x.isNormal ? Int(x.exponent) : -1022) - 52
    let offset = exponent - Self.lowestExponent
    let limb = offset / 64, shift = offset % 64
    let term = (significand << shift, shift == 0 ? 0 : significand >> (64 - shift))
    if x > 0 { Self.add(term, at: limb, to: &positive) } else { Self.add(term, at: limb, to: &negative) }
  }

  /// Adds another exact sum.
  public mutating func add(_ other: ExactSum) {
    for i in stride(from: 0, to: Self.limbCount, by: 2) {
      Self.add((other.positive[i], other.positive[i + 1]), at: i, to: &positive)
      Self.add((other.negative[i], other.negative[i + 1]), at: i, to: &negative)
    }
  }

  /// `limbs += (term.0 + 2⁶⁴ term.1) << (64 · at)`, carrying as far as needed.
  private static func add(_ term: (UInt64, UInt64), at start: Int, to limbs: inout [UInt64]) {
    let (low, o1) = limbs[start].addingReportingOverflow(term.0)
    limbs[start] = low
    let (high, o2) = limbs[start + 1].addingReportingOverflow(term.1)
    let (withCarry, o3) = high.addingReportingOverflow(o1 ? 1 : 0)
    limbs[start + 1] = withCarry
    var carry = o2 || o3, i = start + 2  // both cannot overflow at once
    while carry && i < limbCount {
      (limbs[i], carry) = limbs[i].addingReportingOverflow(1)
      i += 1
    }
  }

  /// The sum rounded to the nearest `Double` (ties to even; a result below the normal
  /// range may round twice).
  public var value: Double {
    // positive − negative in two's complement; a final borrow means a negative sum.
    var magnitude = positive
    var borrow: UInt64 = 0
    for i in magnitude.indices {
      let (a, o1) = magnitude[i].subtractingReportingOverflow(negative[i])
      let (b, o2) = a.subtractingReportingOverflow(borrow)
      magnitude[i] = b
      borrow = (o1 ? 1 : 0) + (o2 ? 1 : 0)
    }
    let isNegative = borrow != 0
    if isNegative {  // two's complement negation
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
    return isNegative ? -scaled : scaled
  }
}
