// ssl-quality · RowPassTests.swift — one pass, many accumulators: exact merges across row ranges.

import Foundation
import Testing

@testable import SSLQuality

/// A matrix with NaN and ±∞ rows, negative entries, an all-zero row and constant columns,
/// so every field of every accumulator is exercised.
func awkwardMatrix(rows: Int, columns: Int) -> Matrix {
  let base = spikyMatrix(rows: rows, columns: columns, seed: 7)
  var values = base.values
  for i in 0..<rows {
    values[i * columns + 3] = 2.5  // a constant column
    if i % 17 == 5 { values[i * columns + 1] = -Float(i) }
  }
  values[11 * columns + 4] = .nan
  values[40 * columns + 9] = .infinity
  for j in 0..<columns { values[23 * columns + j] = 0 }
  return Matrix(rows: rows, columns: columns, values: values)
}

/// Records which rows reached it, block by block.
private struct RowCoverage: RowAccumulator {
  struct Partial: PartialState {
    var startRow: Int, rowCount = 0, columns: Int
    var rows: [Int] = []
    mutating func append(_ next: Partial) {
      rowCount += next.rowCount
      rows += next.rows
    }
  }
  var needsRowMoments: Bool { false }
  func emptyPartial(startRow: Int, columns: Int) -> Partial { Partial(startRow: startRow, columns: columns) }
  func accumulate(_ block: RowBlock, into partial: inout Partial) {
    partial.rows += block.startRow..<(block.startRow + block.rowCount)
    partial.rowCount += block.rowCount
  }
}

@Suite("One pass, many accumulators")
struct RowPassTests {
  let matrix = awkwardMatrix(rows: 301, columns: 37)

  /// A pass with the three built-in accumulators over `rows` of the matrix.
  func states(_ rows: Range<Int>, threads: Int = 2, blockBytes: Int = 1 << 10)
    -> (RowStatistics.Partial, ActivationCounts.Partial, ColumnStatistics.Partial, LayeredActivations.Partial)
  {
    var pass = RowPass()
    pass.blockBytes = blockBytes
    let statistics = pass.add(RowStatistics())
    let counts = pass.add(ActivationCounts(epsilon: 2, keepingEntries: true))
    let columns = pass.add(ColumnStatistics())
    let layered = pass.add(LayeredActivations(epsilons: [1, 2, 3]))
    let result = pass.run(matrix, rows: rows, context: ExecutionContext(threads: threads))
    return (result[statistics], result[counts], result[columns], result[layered])
  }

  @Test("three uneven row ranges merge to exactly the single pass")
  func unevenRanges() throws {
    let whole = states(0..<301)
    let parts = [0..<7, 7..<250, 250..<301].map { states($0, threads: $0.count % 3 + 1, blockBytes: 300) }
    // In any order, and associatively: (a ∘ b) ∘ c and a ∘ (b ∘ c).
    let rows = try RowStatistics.Partial.merging(parts.map(\.0).reversed())
    let counts = try ActivationCounts.Partial.merging([parts[2].1, parts[0].1, parts[1].1])
    var left = parts[0].2
    left.append(parts[1].2)
    left.append(parts[2].2)
    var right = parts[1].2
    right.append(parts[2].2)
    var leftFirst = parts[0].2
    leftFirst.append(right)
    #expect(rows == whole.0)
    #expect(counts == whole.1)
    #expect(counts.activationFrequency == whole.1.activationFrequency)
    #expect(left == whole.2 && leftFirst == whole.2)
    #expect(left.statistics == whole.2.statistics)
    let layered = try LayeredActivations.Partial.merging([parts[1].3, parts[2].3, parts[0].3])
    #expect(layered == whole.3 && layered.activationFrequencies == whole.3.activationFrequencies)
    #expect(whole.2.statistics.nonFiniteRows == 2 && whole.2.statistics.zeroRows == 1 && whole.2.statistics.negativeCount > 0)
  }

  @Test("column statistics from a pass that skips the rows' spread equal those of the full scan")
  func withoutSpread() {
    var pass = RowPass()
    pass.blockBytes = 1 << 10
    let columns = pass.add(ColumnStatistics())
    #expect(!ColumnStatistics().needsRowSpread)
    #expect(pass.run(matrix, context: ExecutionContext(threads: 2))[columns] == states(0..<301).2)
  }

  @Test("a pass without the rows' extremes: the same states, with NaN largest z-scores and no minimum or maximum")
  func withoutExtremes() {
    var pass = RowPass()
    pass.blockBytes = 1 << 10
    let statistics = pass.add(RowStatistics(maxZ: false))
    let counts = pass.add(ActivationCounts(epsilon: 2, keepingEntries: true))
    let columns = pass.add(ColumnStatistics(extremes: false))
    #expect(!RowStatistics(maxZ: false).needsRowExtremes && !ColumnStatistics(extremes: false).needsRowExtremes)
    #expect(!ActivationCounts(epsilon: 2).needsRowExtremes && !LayeredActivations(epsilons: [1]).needsRowExtremes)
    let result = pass.run(matrix, context: ExecutionContext(threads: 2))
    let whole = states(0..<301)
    let rows = result[statistics]
    #expect(rows.mean.map(\.bitPattern) == whole.0.mean.map(\.bitPattern) && rows.std.map(\.bitPattern) == whole.0.std.map(\.bitPattern))
    #expect(rows.l1Norm.map(\.bitPattern) == whole.0.l1Norm.map(\.bitPattern))
    #expect(rows.maxZ.allSatisfy(\.isNaN) && !whole.0.maxZ.allSatisfy(\.isNaN))
    #expect(result[counts] == whole.1)
    var expected = whole.2.statistics
    (expected.minimum, expected.maximum) = (nil, nil)
    #expect(result[columns].statistics == expected)
  }

  @Test("partial states written out and read back merge the same", arguments: [1, 3])
  func codableStates(threads: Int) throws {
    let whole = states(0..<301, threads: threads)
    let parts = [0..<100, 100..<301].map { states($0) }
    let encoder = JSONEncoder()
    encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    func roundTrip<P: PartialState>(_ state: P) throws -> P { try decoder.decode(P.self, from: encoder.encode(state)) }
    #expect(try RowStatistics.Partial.merging(parts.map { try roundTrip($0.0) }) == whole.0)
    #expect(try ActivationCounts.Partial.merging(parts.map { try roundTrip($0.1) }) == whole.1)
    #expect(try ColumnStatistics.Partial.merging(parts.map { try roundTrip($0.2) }) == whole.2)
    #expect(try LayeredActivations.Partial.merging(parts.map { try roundTrip($0.3) }) == whole.3)
  }

  @Test("gaps, overlaps and other parameters are refused")
  func badMerges() {
    let a = states(0..<100).1, b = states(120..<301).1, c = states(50..<301).1
    #expect(throws: PartialStateError.notContiguous(expectedStartRow: 100, startRow: 120)) { try ActivationCounts.Partial.merging([a, b]) }
    #expect(throws: PartialStateError.notContiguous(expectedStartRow: 100, startRow: 50)) { try ActivationCounts.Partial.merging([a, c]) }
    #expect(throws: PartialStateError.empty) { try ActivationCounts.Partial.merging([]) }
    var pass = RowPass()
    let other = pass.add(ActivationCounts(epsilon: 3))
    let d = pass.run(matrix, rows: 100..<301, context: .serial)[other]
    #expect(throws: PartialStateError.incompatible(startRow: 100)) { try ActivationCounts.Partial.merging([a, d]) }
  }

  @Test("a pass visits every row once, in order, whatever the width")
  func rowBlocks() {
    for (rows, columns) in [(1, 1), (10, 1 << 20), (100_000, 3), (5, 0)] {
      var pass = RowPass()
      let coverage = pass.add(RowCoverage())
      let result = pass.run(Matrix(rows: rows, columns: columns), context: ExecutionContext(threads: 3))
      #expect(result[coverage].rows == Array(0..<rows))
    }
  }
}
