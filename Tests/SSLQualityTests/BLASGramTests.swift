// ssl-quality · BLASGramTests.swift — the banded Gram update C += AᵀA.

import Testing

@testable import SSLQuality

@Suite("BLAS Gram update")
struct BLASGramTests {
  /// A `k × n` matrix of small integers (exact products and sums in Double).
  static func matrix(rows k: Int, columns n: Int) -> [Double] {
    (0..<(k * n)).map { Double(($0 * 7919) % 13) - 6 }
  }

  @Test("three bands: the upper triangle of C + AᵀA, the lower one untouched, same bits for any thread count")
  func matchesDefinition() {
    let k = 5, n = 2 * BLAS.gramBandColumns + 37
    let a = Self.matrix(rows: k, columns: n)
    var c = [Double](repeating: 1, count: n * n)
    BLAS.addGram(a, rows: k, columns: n, into: &c)
    for (i, j) in [(0, 0), (3, 700), (511, 512), (600, 1060), (1060, 1060), (0, n - 1)] {
      let want = 1 + (0..<k).map { a[$0 * n + i] * a[$0 * n + j] }.reduce(0, +)
      #expect(c[i * n + j] == want, "C[\(i), \(j)]")
    }
    #expect(c[700 * n + 3] == 1 && c[(n - 1) * n] == 1)
    var threaded = [Double](repeating: 1, count: n * n)
    ExecutionContext(threads: 3).blas { BLAS.addGram(a, rows: k, columns: n, into: &threaded) }
    #expect(threaded == c)
  }
}
