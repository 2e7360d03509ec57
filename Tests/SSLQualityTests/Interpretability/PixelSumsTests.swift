// ssl-quality · PixelSumsTests.swift — vectorised sums and counts against plain loops, at every tail length.

import Testing

@testable import SSLQuality

@Suite("Pixel sums and counts")
struct PixelSumsTests {
  static func values(_ count: Int, seed: Int) -> [Float] {
    (0..<count).map { Float((($0 + seed) * 7919) % 1013) / 1012 }
  }

  @Test("sum, gated sum and count equal plain loops for lengths 0…70")
  func matchesPlainLoops() {
    for count in 0...70 {
      let v = Self.values(count, seed: 1), g = Self.values(count, seed: 5)
      v.withUnsafeBufferPointer { values in
        g.withUnsafeBufferPointer { gate in
          let sum = v.reduce(0.0) { $0 + Double($1) }
          let gated = zip(v, g).reduce(0.0) { $0 + ($1.1 >= 0.5 ? Double($1.0) : 0) }
          #expect(abs(PixelSums.sum(values) - sum) <= 1e-12 * max(1, sum), "sum, \(count)")
          #expect(abs(PixelSums.sum(values, gate: gate, atLeast: 0.5) - gated) <= 1e-12 * max(1, gated), "gated, \(count)")
          #expect(PixelSums.count(values, atLeast: 0.6) == v.count { $0 >= 0.6 }, "count, \(count)")
        }
      }
    }
  }

  @Test("the value range skips nothing and refuses NaN and infinities at any position")
  func range() {
    for count in 1...40 {
      var v = Self.values(count, seed: 3)
      let image = GrayImage(width: count, height: 1, pixels: v)
      #expect(image.finiteRange?.min == v.min() && image.finiteRange?.max == v.max())
      for bad in [Float.nan, .infinity, -.infinity] {
        v[count - 1] = bad
        #expect(GrayImage(width: count, height: 1, pixels: v).finiteRange == nil)
      }
    }
    #expect(GrayImage(width: 0, height: 0, pixels: []).finiteRange == nil)
  }
}
