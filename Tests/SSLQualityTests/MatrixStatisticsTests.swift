// ssl-quality · MatrixStatisticsTests.swift — one-pass statistics agree with numpy.

import Foundation
import Testing
import TestSupport

@testable import SSLQuality

/// Loads a little-endian float32 C-order `.npy` fixture without the IO module.
func loadFloat32NPY(_ relative: String) throws -> Matrix {
  let bytes = try Fixtures.data(relative)
  let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
  let header = String(decoding: bytes[10..<(10 + headerLength)], as: UTF8.self)
  let shapeText = header.split(separator: "(")[1].split(separator: ")")[0]
  let shape = shapeText.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
  let values = bytes[(10 + headerLength)...].withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
  return Matrix(rows: shape[0], columns: shape.count > 1 ? shape[1] : 1, values: values)
}

@Suite("Matrix statistics")
struct MatrixStatisticsTests {
  nonisolated(unsafe) static let expected: [String: [String: Any]] = Fixtures.cases("stats/expected.json")

  @Test("agrees with numpy", arguments: ["relu", "signed", "one_column", "one_row", "all_nan", "wide"])
  func agreesWithNumpy(name: String) throws {
    let want = try #require(Self.expected[name])
    let matrix = try loadFloat32NPY("stats/\(name).npy")
    let stats = MatrixStatistics.compute(matrix, context: ExecutionContext(threads: 2))
    #expect(stats.rows == want["rows"] as? Int)
    #expect(stats.columns == want["columns"] as? Int)
    #expect(stats.minimum.map(Double.init) == (want["min"] as? String).flatMap(Double.init))
    #expect(stats.maximum.map(Double.init) == (want["max"] as? String).flatMap(Double.init))
    let mean = try #require((want["mean"] as? String).flatMap(Double.init))
    #expect(abs(stats.mean - mean) <= 1e-12 * max(1, abs(mean)))
    #expect(stats.nanCount == want["nan"] as? Int)
    #expect(stats.infinityCount == want["inf"] as? Int)
    #expect(stats.zeroRows == want["zero_rows"] as? Int)
    #expect(stats.constantColumns == want["constant_columns"] as? Int)
    #expect(stats.negativeShare == (want["negative_share"] as? String).flatMap(Double.init))
    #expect(stats.nonFiniteRows == want["nonfinite_rows"] as? Int)
    #expect(stats.firstNonFiniteRows == want["first_nonfinite_rows"] as? [Int])
  }

  @Test("results do not depend on the thread count", arguments: [1, 2, 3, 7])
  func threadCountInvariance(threads: Int) throws {
    let matrix = try loadFloat32NPY("stats/relu.npy")
    #expect(MatrixStatistics.compute(matrix, context: ExecutionContext(threads: threads)) == MatrixStatistics.compute(matrix, context: .serial))
  }


  @Test func emptyMatrix() {
    let stats = MatrixStatistics.compute(Matrix(rows: 0, columns: 4), context: ExecutionContext(threads: 2))
    #expect(stats.rows == 0 && stats.minimum == nil && stats.mean == 0 && stats.negativeShare == 0)
  }

  @Test func allZeroMatrix() {
    let stats = MatrixStatistics.compute(Matrix(rows: 3, columns: 17), context: ExecutionContext(threads: 2))
    #expect(stats.zeroRows == 3 && stats.constantColumns == 17 && stats.minimum == 0 && stats.maximum == 0)
  }
}
