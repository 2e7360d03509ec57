// ssl-quality · GramAccumulatorTests.swift — the Gram sums do not depend on how the rows are split.

import Testing
import TestSupport

@testable import SSLQuality

@Suite("Gram accumulator")
struct GramAccumulatorTests {
  /// The state of `matrix` fed in blocks of `blockRows`, in segments cut at `cuts`, merged in order.
  static func state(_ matrix: Matrix, accumulator: GramAccumulator, cuts: [Int], blockRows: Int) -> GramAccumulator.Partial {
    let bounds = [0] + cuts + [matrix.rows]
    var segments: [GramAccumulator.Partial] = []
    matrix.withView { all in
      for (start, end) in zip(bounds, bounds.dropFirst()) {
        var partial = accumulator.emptyPartial(startRow: start, columns: matrix.columns)
        for blockStart in stride(from: start, to: end, by: blockRows) {
          let blockEnd = min(end, blockStart + blockRows)
          accumulator.accumulate(rows: all.rowRange(blockStart..<blockEnd), into: &partial)
        }
        segments.append(partial)
      }
    }
    var merged = segments[0]
    for next in segments.dropFirst() { merged.append(next) }
    return merged
  }

  @Test("same bits for any blocks and segments; equal to one dsyrk over all rows")
  func splitIndependent() throws {
    let matrix = try loadFloat32NPY("spectrum/powerlaw.npy")
    let accumulator = GramAccumulator(leafRows: 64)
    let reference = Self.state(matrix, accumulator: accumulator, cuts: [], blockRows: 600).moments
    for (cuts, blockRows) in [([Int](), 1), ([100, 101, 377], 7), ([64, 128, 500], 64), ([5, 590], 33), ([300], 1000)] {
      let moments = Self.state(matrix, accumulator: accumulator, cuts: cuts, blockRows: blockRows).moments
      #expect(moments == reference, "cuts \(cuts), blocks of \(blockRows)")
    }
    var direct = SecondMoments(columns: matrix.columns)
    matrix.withView { direct.add(rows: $0) }
    #expect(reference.count == 600)
    for (a, b) in zip(reference.gram, direct.gram) { #expect(abs(a - b) <= 1e-12 * max(1, abs(b))) }
  }

  @Test("rows with NaN or ±∞ are left out and counted")
  func nonFiniteRows() {
    let matrix = Matrix(rows: 4, columns: 2, values: [1, 2, .nan, 0, 3, 4, 0, .infinity])
    let accumulator = GramAccumulator(leafRows: 3)
    let state = Self.state(matrix, accumulator: accumulator, cuts: [1], blockRows: 2)
    #expect(state.nonFiniteRows == 2 && state.moments.count == 2)
    #expect(state.moments.gram == [10, 14, 0, 20])
  }
}
