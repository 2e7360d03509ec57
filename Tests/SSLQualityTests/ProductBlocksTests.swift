// ssl-quality · ProductBlocksTests.swift — the block plan of a product follows its shape alone, and covers it.

import Testing

@testable import SSLQuality

@Suite("Product blocks")
struct ProductBlocksTests {
  @Test("small products are one block; large ones are bands of whole rows or columns, multiples of 16")
  func plan() {
    #expect(ProductBlocks(m: 256, n: 256, k: 16).count == 1)
    #expect(ProductBlocks(m: 4, n: 3, k: 0).count == 1)
    let tall = ProductBlocks(m: 2048, n: 256, k: 2048)
    #expect(tall.splitsRows && tall.count == ProductBlocks.maximumBlocks && tall.bandWidth == 256)
    let wide = ProductBlocks(m: 256, n: 3000, k: 128)
    #expect(!wide.splitsRows && wide.count > 1 && wide.bandWidth % 16 == 0)
    for plan in [tall, wide, ProductBlocks(m: 1000, n: 7, k: 5000), ProductBlocks(m: 33, n: 2, k: 1 << 20)] {
      let bands = (0..<plan.count).map(plan.band)
      #expect(bands.first?.lowerBound == 0 && bands.last?.upperBound == plan.length)
      #expect(zip(bands, bands.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound && !$1.isEmpty })
    }
  }

  /// Seeded operands, `m · k` and `k · n` values in `[-1, 1]`.
  private func inputs(m: Int, n: Int, k: Int) -> ([Float], [Float]) {
    var generator = SeededGenerator(seed: UInt64(m * 31 + n * 7 + k))
    let a = (0..<(m * k)).map { _ in Float.random(in: -1...1, using: &generator) }
    return (a, (0..<(k * n)).map { _ in Float.random(in: -1...1, using: &generator) })
  }

  /// `0.5 · op(A) · op(B) + 2 · C` of the `m × k` by `k × n` operands `inputs` in the blas scope of `threads` threads.
  private func product<Scalar: BinaryFloatingPoint>(
    _: Scalar.Type, _ inputs: ([Float], [Float]), m: Int, n: Int, k: Int, transposeA: Bool, transposeB: Bool, threads: Int
  ) -> [Scalar] {
    let a = inputs.0.map { Scalar($0) }, b = inputs.1.map { Scalar($0) }
    var c = (0..<(m * n)).map { Scalar($0 % 5) }
    ExecutionContext(threads: threads).blas {
      a.withUnsafeBufferPointer { pa in
        b.withUnsafeBufferPointer { pb in
          c.withUnsafeMutableBufferPointer { pc in
            BLAS.gemm(m: m, n: n, k: k, pa, transposeA: transposeA, pb, transposeB: transposeB, into: pc, alpha: 0.5, beta: 2)
          }
        }
      }
    }
    return c
  }

  /// Shapes whose products are cut into several blocks (tall, wide, deep, and uneven).
  static let shapes = [(256, 3000, 128), (256, 128, 3000), (600, 520, 700), (97, 1500, 33)]

  @Test("products give the same bits for 1, 2 and 3 threads", arguments: shapes)
  func threadCounts(shape: (Int, Int, Int)) {
    let (m, n, k) = shape
    // Seeded operands, made once per shape: making them is most of a debug build's time.
    let operands = inputs(m: m, n: n, k: k)
    for (transposeA, transposeB) in [(false, false), (true, false), (false, true), (true, true)] {
      let one = product(Float.self, operands, m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB, threads: 1)
      #expect(one == product(Float.self, operands, m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB, threads: 2))
      #expect(one == product(Float.self, operands, m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB, threads: 3))
      let double = product(Double.self, operands, m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB, threads: 1)
      #expect(double == product(Double.self, operands, m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB, threads: 2))
    }
  }

  @Test("products in blocks agree with the definition", arguments: shapes)
  func definition(shape: (Int, Int, Int)) {
    let (m, n, k) = shape
    // Seeded operands, made once per shape: making them is most of a debug build's time.
    let operands = inputs(m: m, n: n, k: k)
    for (transposeA, transposeB) in [(false, false), (true, false), (false, true), (true, true)] {
      let one = product(Float.self, operands, m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB, threads: 2)
      let double = product(Double.self, operands, m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB, threads: 2)
      // Every 23rd row against the definition, 0.5 · Σ_l op(A)_il op(B)_lj + 2 · c_ij.
      // Elements outside the tolerance (or NaN), checked once: an #expect per element is most of the time.
      let (a, b) = operands
      var outside = 0
      for i in stride(from: 0, to: m, by: 23) {
        for j in 0..<n {
          var sum = 0.0
          for l in 0..<k {
            sum += Double(transposeA ? a[l * m + i] : a[i * k + l]) * Double(transposeB ? b[j * k + l] : b[l * n + j])
          }
          let want = 0.5 * sum + 2 * Double((i * n + j) % 5)
          if !(abs(double[i * n + j] - want) < 1e-9 * Double(k)) || !(abs(Double(one[i * n + j]) - want) < 1e-5 * Double(k)) { outside += 1 }
        }
      }
      #expect(outside == 0, "\(shape), transposes \(transposeA) \(transposeB)")
    }
  }
}
