// ssl-quality · PixelKernelsTests.swift — vectorised sums, counts and the value range against plain loops, at every tail length.

import Testing

@testable import SSLQuality

@Suite("Pixel sums and counts")
struct PixelKernelsTests {
  static func values(_ count: Int, seed: Int) -> [Float] {
    (0..<count).map { Float((($0 + seed) * 7919) % 1013) / 1012 }
  }

  @Test("sum, gated sum and count equal plain loops for lengths 0…70")
  func matchesPlainLoops() {
    for count in 0...70 {
      let v = Self.values(count, seed: 1), g = Self.values(count, seed: 5)
      let sum = v.reduce(0.0) { $0 + Double($1) }
      let gated = zip(v, g).reduce(0.0) { $0 + ($1.1 >= 0.5 ? Double($1.0) : 0) }
      #expect(abs(PixelKernels.sum(v.span) - sum) <= 1e-12 * max(1, sum), "sum, \(count)")
      #expect(abs(PixelKernels.sum(v.span, gate: g.span, atLeast: 0.5) - gated) <= 1e-12 * max(1, gated), "gated, \(count)")
      #expect(PixelKernels.count(v.span, atLeast: 0.6) == v.count { $0 >= 0.6 }, "count, \(count)")
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
