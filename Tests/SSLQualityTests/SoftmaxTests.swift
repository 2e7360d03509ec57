// ssl-quality · SoftmaxTests.swift — the probe's one softmax (Matrix+Kernels.swift) against scipy.

import Foundation
import Testing

@testable import SSLQuality

@Suite("Softmax")
struct SoftmaxTests {
  /// `scipy.special.softmax(z, axis=1)` and `logsumexp(z, axis=1)` in float64 of
  /// `z = [[1.5, -0.25, 3, 0], [100, 101, 99, 100.5]]` (the second row overflows a naive `exp`).
  static let logits: [Float] = [1.5, -0.25, 3, 0, 100, 101, 99, 100.5]
  static let probabilities = [
    0.17010872676706973, 0.029560464265647995, 0.7623744215211006, 0.03795638744618176,
    0.17437148764032928, 0.47399084625407806, 0.06414768542935739, 0.2874899806762354,
  ]
  static let logSumExp = [3.2713174771510474, 101.7465672691738]

  @Test func rowsMatchScipy() {
    var z = Matrix(rows: 2, columns: 4, values: Self.logits)
    z.softmaxRows()
    z.withUnsafeBufferPointer { p in
      for (got, want) in zip(p, Self.probabilities) { #expect(abs(Double(got) - want) <= 1e-7, "\(got) vs \(want)") }
    }
  }

  @Test func scaledRowAndLogSumExpMatchScipy() {
    var row = Array(Self.logits[4..<8])
    let (top, sum) = row.withUnsafeMutableBufferPointer { Matrix.softmax($0.baseAddress!, count: 4, scale: 0.5) }
    #expect(abs(Double(top) + log(sum) - Self.logSumExp[1]) <= 1e-6)
    for (got, want) in zip(row, Self.probabilities[4..<8]) { #expect(abs(Double(got) - 0.5 * want) <= 1e-7) }
  }
}
