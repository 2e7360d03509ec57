// ssl-quality · SpectrumBootstrapTests.swift — the row bootstrap of RankMe and α-ReQ: replicates, seeds, both Gram sides.

import Testing

@testable import SSLQuality

@Suite("Spectrum: row bootstrap")
struct SpectrumBootstrapTests {
  /// `rows × columns` non-negative values with a decaying spectrum (seeded).
  static func matrix(rows: Int, columns: Int, seed: UInt64) -> Matrix {
    var generator = SeededGenerator(seed: seed)
    let values = (0..<(rows * columns)).map { k in Float(max(0, generator.normal()) / Double(1 + k % columns)) }
    return Matrix(rows: rows, columns: columns, values: values)
  }

  @Test("rows resampled as the identity are the matrix: the same spectrum, bit for bit")
  func identityResample() throws {
    for (rows, columns) in [(300, 40), (20, 60)] {
      let m = Self.matrix(rows: rows, columns: columns, seed: 3)
      let direct = try SpectrumResult.measure(m, alphaRange: 2...30, context: .serial).result
      let resampled = try SpectrumResult.measure(ResampledRows(m, indices: Array(0..<rows)), alphaRange: 2...30, context: .serial).result
      #expect(direct == resampled, "\(rows) × \(columns)")
    }
  }

  @Test("a replicate with repeated rows equals the matrix that repeats them")
  func repeatedRows() throws {
    let m = Self.matrix(rows: 50, columns: 12, seed: 4)
    let indices = [0, 0, 3, 7, 7, 7, 20] + Array(30..<45) + [49, 49]
    let copy = Matrix(rows: indices.count, columns: 12, values: indices.flatMap { m.row($0) })
    let resampled = try SpectrumResult.measure(ResampledRows(m, indices: indices), alphaRange: 2...10, context: .serial).result
    let direct = try SpectrumResult.measure(copy, alphaRange: 2...10, context: .serial).result
    #expect(resampled == direct)
  }

  @Test("seeded: the same seed gives the same bits for any threads; another seed other bounds; N < D works")
  func seeded() throws {
    for (rows, columns) in [(400, 30), (25, 40)] {
      let m = Self.matrix(rows: rows, columns: columns, seed: 5)
      let a = try #require(try SpectrumBootstrap(resamples: 12, seed: 1).run(m, alphaRange: 2...20, context: .serial))
      let b = try #require(try SpectrumBootstrap(resamples: 12, seed: 1).run(m, alphaRange: 2...20, context: ExecutionContext(threads: 2)))
      let c = try #require(try SpectrumBootstrap(resamples: 12, seed: 2).run(m, alphaRange: 2...20, context: .serial))
      #expect(a == b, "\(rows) × \(columns)")
      #expect(a.rankme != c.rankme, "\(rows) × \(columns)")
      #expect(a.resamples == 12 && a.seed == 1 && a.rankme.lower <= a.rankme.upper && a.alpha.lower <= a.alpha.upper)
    }
  }
}
