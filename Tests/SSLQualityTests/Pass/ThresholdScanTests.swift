// ssl-quality · ThresholdScanTests.swift — the float-lane search equals the plain Double comparison.

import Testing

@testable import SSLQuality

@Suite("Threshold scan on float lanes")
struct ThresholdScanTests {
  /// Thresholds that sit exactly on, just beside or between the floats of `row`: ties, the
  /// neighbouring doubles (which round to the same float), midpoints between adjacent
  /// floats (which Float conversion rounds either way), subnormals, ±0, ±∞ and values
  /// beyond the float range.
  func adversarialThresholds(_ row: [Float]) -> [Double] {
    var thresholds: [Double] = [0, -0.0, .infinity, -.infinity, 1e39, -1e39, Double(Float.greatestFiniteMagnitude) * 1.5]
    for value in row.prefix(6) {
      let v = Double(value)
      thresholds += [v, v.nextUp, v.nextDown, (v + Double(value.nextUp)) / 2, (v + Double(value.nextDown)) / 2]
    }
    thresholds += [Double(Float.leastNonzeroMagnitude) / 2, Double(Float.leastNormalMagnitude).nextDown]
    return thresholds
  }

  /// Rows of every length up to 70 (so groups of 32, single vectors and the scalar tail
  /// all occur) mixing ordinary values, exact ties, subnormals, ±0 and huge values.
  func adversarialRows() -> [[Float]] {
    var generator = SeededGenerator(seed: 11)
    let specials: [Float] = [
      0, -0.0, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .leastNormalMagnitude, Float.leastNormalMagnitude.nextDown,
      .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 1, Float(1).nextUp, Float(1).nextDown, 0.1, 1e-30,
    ]
    return (0...70).map { length in
      (0..<length).map { _ in
        let u = generator.unit()
        return u < 0.4 ? specials[Int(generator.next() % UInt64(specials.count))] : Float(generator.unit() * 8 - 2)
      }
    }
  }

  @Test("same entries as comparing every value in Double, for adversarial rows and thresholds", arguments: [false, true])
  func equalsDoubleComparison(everyGroup: Bool) {
    for row in adversarialRows() {
      for threshold in adversarialThresholds(row) {
        var found: [Int] = []
        row.withUnsafeBufferPointer { values in
          guard let base = values.baseAddress else { return }
          let cut = ThresholdScan.floatCut(threshold)
          let indices = [Int32](unsafeUninitializedCapacity: row.count + 8) { target, count in
            count = ThresholdScan.indices(in: base, columns: row.count, above: cut, into: target.baseAddress!, everyGroup: everyGroup)
          }
          found = indices.map(Int.init)
        }
        let expected = row.indices.filter { Double(row[$0]) > threshold }
        #expect(found == expected, "threshold \(threshold), row of \(row.count)")
      }
    }
  }

  @Test("the cut is the largest float not above the threshold")
  func floatCut() {
    for threshold in [0.1, -0.1, 1.0, 1e-45, -1e-45, 3.4e38, 1e39, -1e39, .infinity, -.infinity, 0] {
      let cut = ThresholdScan.floatCut(threshold)
      #expect(Double(cut) <= threshold)
      #expect(cut == .infinity || Double(cut.nextUp) > threshold)
    }
  }

  @Test("lane bits of every 8-lane mask")
  func laneBits() {
    for bits in 0..<256 {
      let lanes = SIMD8<Float>((0..<8).map { bits & (1 << $0) != 0 ? 1 : 0 })
      #expect((lanes .> 0).laneBits == UInt32(bits))
    }
  }

  @Test("widening 8 float lanes gives each lane's Double")
  func widening() {
    let lanes = SIMD8<Float>(.leastNonzeroMagnitude, -0.0, .greatestFiniteMagnitude, .infinity, -.infinity, 0.1, -3, .nan)
    let wide = lanes.widened
    for lane in 0..<7 { #expect(wide[lane].bitPattern == Double(lanes[lane]).bitPattern) }
    #expect(wide[7].isNaN)
  }
}
