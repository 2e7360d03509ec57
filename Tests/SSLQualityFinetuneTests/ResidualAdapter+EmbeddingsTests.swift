// ssl-quality · ResidualAdapter+EmbeddingsTests.swift — one adapter application, the same bits whatever rows are read at a time.

import Testing
import TestSupport

@testable import SSLQuality
@testable import SSLQualityFinetune
@testable import SSLQualityIO
@testable import SSLQualityTraining

@Suite("adapter on embeddings")
struct ResidualAdapterEmbeddingsTests {
  /// A 256-wide adapter whose `fc2` is not zero (a fresh one is `relu(h)`, whose bits no product can change).
  static func adapter() -> ResidualAdapter<Float> {
    var random = SeededGenerator(seed: 3)
    var adapter = ResidualAdapter<Float>(features: 256, hidden: 256, random: &random)
    adapter.fc2 = Linear(inputs: 256, outputs: 256, random: &random)
    return adapter
  }

  /// 600 rows (two whole blocks and a partial one) of 256 values in [0, 1).
  static func embeddings() -> Matrix {
    var generator = SeededGenerator(seed: 4)
    return Matrix(rows: 600, columns: 256, values: (0..<(600 * 256)).map { _ in Float(generator.unit()) })
  }

  @Test("rows adapted alone have the bits they have when the whole matrix is adapted, on any number of threads")
  func rowsAlone() {
    let adapter = Self.adapter(), x = Self.embeddings()
    let whole = adapter.adapted(x).values
    #expect(whole != x.values)
    for range in [0..<1, 3..<10, 200..<300, 512..<600] {
      for threads in [1, 2] {
        let part = ExecutionContext(threads: threads).blas { x.withView { adapter.adapted($0.rowRange(range), firstRow: range.lowerBound) } }
        #expect(part == Array(whole[(range.lowerBound * 256)..<(range.upperBound * 256)]), "rows \(range), \(threads) threads")
      }
    }
  }

  @Test("streaming a file at 1, 7 and 4096 rows a read writes the bits of the in-memory application", arguments: [1, 7, 4096])
  func streamed(blockRows: Int) throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let adapter = Self.adapter(), x = Self.embeddings()
    try NPYWriter.write(x, to: scratch.file("x.npy"))
    let stored = try ArrayFile.open(scratch.file("x.npy")).matrix()
    try ExecutionContext(threads: 2).blas { try AdapterFile.apply(adapter, to: stored, writing: scratch.file("out.npy"), blockRows: blockRows) }
    #expect(try ArrayFile.open(scratch.file("out.npy")).floats() == adapter.adapted(x).values)
  }
}
