// ssl-quality · SpectrumPassTests.swift — the spectrum pass: same bits for any thread count, memory known before it runs.

import Testing
import TestSupport

@testable import SSLQuality

@Suite("Spectrum pass")
struct SpectrumPassTests {
  @Test("same result for 1, 2 and 3 threads, on either side of the Gram matrix", arguments: ["spectrum/powerlaw.npy", "spectrum/wide.npy"])
  func threadIndependent(file: String) throws {
    let matrix = try loadFloat32NPY(file)
    let one = try SpectrumResult.measure(matrix, context: .serial)
    for threads in [2, 3] {
      let many = try SpectrumResult.measure(matrix, context: ExecutionContext(threads: threads))
      #expect(many.result == one.result && many.nonFiniteRows == one.nonFiniteRows, "\(threads) threads")
    }
  }

  @Test("the memory bound follows the smaller side")
  func memoryNeeded() {
    // 2 × 60 000: the 2 × 2 Gram matrix; the rows themselves (480 kB) dominate.
    #expect(SpectrumResult.memoryNeeded(rows: 2, columns: 60000) < 1e6)
    // 16 000 × 8192: two leaves of 8192 rows, so two 8192² sums, then two for the decompositions.
    let wide = 2 * 8 * 8192.0 * 8192
    #expect(SpectrumResult.memoryNeeded(rows: 16000, columns: 8192) == max(wide + 12 * 1024 * 8192, wide))
    // 2^20 rows of 1024 columns: 1024 leaves, at most 11 sums alive.
    #expect(SpectrumResult.memoryNeeded(rows: 1 << 20, columns: 1024) == 11 * 8 * 1024 * 1024 + 12 * 1024 * 1024)
    #expect(SpectrumResult.memoryNeeded(rows: 100_000, columns: 100_000) == 2 * 8e10)
  }
}
