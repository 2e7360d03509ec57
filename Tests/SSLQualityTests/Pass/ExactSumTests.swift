// ssl-quality · ExactSumTests.swift — exact sums are order-independent and correctly rounded.

import Testing

@testable import SSLQuality

@Suite("Exact sums")
struct ExactSumTests {
  @Test("cancellation that Double loses is kept")
  func cancellation() {
    var sum = ExactSum()
    for x in [1e300, 1.0, -1e300, 1e-300, 3.5, -0.25] { sum.add(x) }
    #expect(sum.value == 4.25 + 1e-300)
    var tiny = ExactSum()
    tiny.add(.leastNonzeroMagnitude)
    tiny.add(.leastNonzeroMagnitude)
    #expect(tiny.value == 2 * .leastNonzeroMagnitude)
    #expect(ExactSum().value == 0)
  }

  @Test("any order and grouping gives the same bits, rounded to nearest")
  func orderIndependent() {
    var generator = SeededGenerator(seed: 3)
    let values = (0..<2000).map { _ in (generator.unit() - 0.3) * pow10(Int(generator.next() % 40) - 20) }
    var forward = ExactSum(), backward = ExactSum(), left = ExactSum(), right = ExactSum()
    for x in values { forward.add(x) }
    for x in values.reversed() { backward.add(x) }
    for x in values[..<777] { left.add(x) }
    for x in values[777...] { right.add(x) }
    left.add(right)
    #expect(forward == backward && forward == left)
    // Against a sum in Float80-free exact arithmetic on integers: scale small integers.
    var integers = ExactSum()
    for k in 1...1000 { integers.add(Double(k) * 0.5) }
    #expect(integers.value == 250_250)
    #expect(forward.value.isFinite)
  }

  private func pow10(_ e: Int) -> Double {
    var result = 1.0
    for _ in 0..<abs(e) { result *= 10 }
    return e < 0 ? 1 / result : result
  }
}
