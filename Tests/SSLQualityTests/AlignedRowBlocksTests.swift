// ssl-quality · AlignedRowBlocksTests.swift — row-wise products in fixed 256-row blocks keyed by global row index.

import Testing

@testable import SSLQuality

@Suite("Aligned row blocks")
struct AlignedRowBlocksTests {
  /// `rows × columns` values from a seeded generator, in [-1, 1).
  static func random(rows: Int, columns: Int, seed: UInt64) -> Matrix {
    var generator = SeededGenerator(seed: seed)
    return Matrix(rows: rows, columns: columns, values: (0..<(rows * columns)).map { _ in Float(2 * generator.unit() - 1) })
  }

  @Test("blocks are the 256-row ranges of global rows that a range touches; reads round up to whole blocks")
  func blocks() {
    #expect(AlignedRowBlocks.rows == 256)
    #expect(AlignedRowBlocks.blocks(touching: 7..<7).isEmpty)
    #expect(AlignedRowBlocks.blocks(touching: 5..<12) == 0..<1)
    #expect(AlignedRowBlocks.blocks(touching: 250..<300) == 0..<2)
    #expect(AlignedRowBlocks.blocks(touching: 256..<512) == 1..<2)
    #expect(AlignedRowBlocks.blocks(touching: 511..<513) == 1..<3)
    #expect(AlignedRowBlocks.globalRows(ofBlock: 2) == 512..<768)
    #expect([1, 255, 256, 257, 4096].map(AlignedRowBlocks.wholeBlocks) == [256, 256, 256, 512, 4096])
  }

  @Test("each call gets exactly 256 rows, held rows at their global offset and zeros elsewhere; outputs come back in row order")
  func padding() {
    // Row r of the input holds r + 1 in both columns, so a zero row is padding.
    let firstRow = 250, held = 250..<550
    let marks: [Float] = held.map { Float($0 + 1) }
    let values = Matrix(rows: held.count, columns: 2, values: marks.flatMap { [$0, $0] })
    var calls: [Matrix] = []
    let output = values.withView { view in
      AlignedRowBlocks.map(view, firstRow: firstRow) { (block: Matrix) -> [Float] in
        calls.append(block)
        let values = block.values
        return (0..<block.rows).map { -values[2 * $0] }
      }
    }
    #expect(output == marks.map { -$0 })
    #expect(calls.map(\.rows) == [256, 256, 256])
    for (index, block) in calls.enumerated() {
      let expected: [Float] = AlignedRowBlocks.globalRows(ofBlock: index).flatMap { (row: Int) -> [Float] in
        let mark: Float = held.contains(row) ? Float(row + 1) : 0
        return [mark, mark]
      }
      #expect(block.values == expected, "block \(index)")
    }
  }

  @Test("a product's row has the same bits whatever rows come with it, on any number of threads")
  func rowKeyed() {
    let x = Self.random(rows: 600, columns: 256, seed: 1), w = Self.random(rows: 256, columns: 192, seed: 2)
    let product = { (block: Matrix) in BLAS.product(block, w).values }
    let whole = x.withView { AlignedRowBlocks.map($0, firstRow: 0, product) }
    #expect(whole.count == 600 * 192)
    for range in [0..<1, 5..<12, 250..<300, 511..<600, 599..<600, 0..<600] {
      for threads in [1, 3] {
        let part = ExecutionContext(threads: threads).blas {
          x.withView { AlignedRowBlocks.map($0.rowRange(range), firstRow: range.lowerBound, product) }
        }
        #expect(part == Array(whole[(range.lowerBound * 192)..<(range.upperBound * 192)]), "rows \(range), \(threads) threads")
      }
    }
  }
}
