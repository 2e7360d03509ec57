// ssl-quality · RowMomentsTests.swift — the scan without extremes finds the same sums, counts and flags.

import Testing

@testable import SSLQuality

@Suite("Row moments")
struct RowMomentsTests {
  /// Rows of every length up to 40 (so vector pairs, a single vector and the scalar tail
  /// all occur) mixing ordinary values with ±0, negatives, subnormals, NaN and ±∞; some rows
  /// only zeros of either sign, some only non-negative.
  func awkwardRows() -> [[Float]] {
    var generator = SeededGenerator(seed: 5)
    let specials: [Float] = [0, -0.0, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, -1, 3, .nan, .infinity, -.infinity]
    var rows: [[Float]] = []
    for length in 0...40 {
      rows.append((0..<length).map { _ in
        generator.unit() < 0.3 ? specials[Int(generator.next() % UInt64(specials.count))] : Float(generator.unit() * 4 - 1)
      })
      rows.append((0..<length).map { _ in Float(generator.unit() * 4) })
      rows.append((0..<length).map { $0 % 3 == 0 ? -0.0 : 0 })
    }
    return rows
  }

  @Test("without extremes: the same sums, counts and flags, bit for bit, and NaN extremes", arguments: [true, false])
  func withoutExtremes(spread: Bool) {
    for row in awkwardRows() {
      row.withUnsafeBufferPointer { values in
        let base = values.baseAddress ?? UnsafePointer(bitPattern: 8)!
        let full = RowMoments(row: base, columns: row.count, spread: spread, extremes: true)
        let bare = RowMoments(row: base, columns: row.count, spread: spread, extremes: false)
        #expect(bare.sum.bitPattern == full.sum.bitPattern)
        #expect(bare.sumOfSquares.bitPattern == full.sumOfSquares.bitPattern)
        #expect(bare.mean.bitPattern == full.mean.bitPattern && bare.std.bitPattern == full.std.bitPattern)
        #expect(bare.nanCount == full.nanCount && bare.nonFiniteCount == full.nonFiniteCount)
        #expect(bare.negativeCount == full.negativeCount, "\(row)")
        #expect(bare.anyNonZero == full.anyNonZero, "\(row)")
        #expect(bare.minimum.isNaN && bare.maximum.isNaN)
        #expect(full.negativeCount == row.count { $0 < 0 })
      }
    }
  }

  @Test("a block measured without extremes: each row as scanned alone")
  func blocks() {
    let matrix = awkwardMatrix(rows: 64, columns: 37)
    var moments: [RowMoments] = []
    matrix.withView { view in
      RowMoments.measure(view, into: &moments, spread: true, extremes: false)
      for row in 0..<view.rows {
        let alone = RowMoments(row: view.rowStart(row), columns: view.columns, spread: true, extremes: false)
        #expect(moments[row].sum.bitPattern == alone.sum.bitPattern && moments[row].negativeCount == alone.negativeCount)
        #expect(moments[row].minimum.isNaN && moments[row].maximum.isNaN)
      }
    }
  }
}
