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
    // Chunks shorter than the leaves: rows wait in the open leaf between blocks.
    let chunked = GramAccumulator(leafRows: 64, chunkRows: 16)
    let chunkedReference = Self.state(matrix, accumulator: chunked, cuts: [], blockRows: 600).moments
    for (cuts, blockRows) in [([Int](), 1), ([100, 101, 377], 7), ([70, 128, 500], 5), ([300], 1000)] {
      #expect(Self.state(matrix, accumulator: chunked, cuts: cuts, blockRows: blockRows).moments == chunkedReference, "chunked, cuts \(cuts)")
    }
    var direct = SecondMoments(columns: matrix.columns)
    matrix.withView { direct.add(rows: $0) }
    #expect(reference.count == 600)
    for (a, b) in zip(reference.gram, direct.gram) { #expect(abs(a - b) <= 1e-12 * max(1, abs(b))) }
    for (a, b) in zip(chunkedReference.gram, direct.gram) { #expect(abs(a - b) <= 1e-12 * max(1, abs(b))) }
  }

  @Test("filled in row order, a state holds at most ⌊log₂ leaves⌋ + 1 sums of D × D")
  func logarithmicState() throws {
    let matrix = try loadFloat32NPY("spectrum/powerlaw.npy")
    // 600 rows in leaves of 4: 150 leaves; while leaf 127 is open the 127 complete leaves
    // are 7 nodes (127 = 0b1111111), the most of any k < 150: 8 sums, ⌊log₂ 150⌋ + 1.
    let accumulator = GramAccumulator(leafRows: 4, chunkRows: 2)
    var partial = accumulator.emptyPartial(startRow: 0, columns: matrix.columns)
    var most = 0
    matrix.withView { all in
      for start in stride(from: 0, to: matrix.rows, by: 3) {
        accumulator.accumulate(rows: all.rowRange(start..<min(matrix.rows, start + 3)), into: &partial)
        most = max(most, partial.liveSums)
      }
    }
    #expect(most == 8)
    // All 150 leaves complete (150 = 0b10010110): nodes of 128, 16, 4 and 2 leaves, no open leaf.
    #expect(partial.liveSums == 4 && partial.open == nil)
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
