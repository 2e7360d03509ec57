// ssl-quality · BLASTests.swift — BLAS products against their definition.

import Testing

@testable import SSLQuality

@Suite("BLAS wrappers")
struct BLASTests {
  let a = Matrix(rows: 2, columns: 3, values: [1, 2, 3, 4, 5, 6])
  let b = Matrix(rows: 3, columns: 2, values: [7, 8, 9, 10, 11, 12])

  @Test func productsMatchTheDefinition() {
    #expect(BLAS.product(a, b).values == [58, 64, 139, 154])
    #expect(BLAS.product(a, transposeA: true, a).values == [17, 22, 27, 22, 29, 36, 27, 36, 45])
    #expect(BLAS.product(a, a, transposeB: true).values == [14, 32, 32, 77])
    var c = Matrix(rows: 2, columns: 2, values: [1, 1, 1, 1])
    BLAS.gemm(a, b, into: &c, alpha: 2, beta: -1)
    #expect(c.values == [115, 127, 277, 307])
  }

  @Test func emptyInnerDimensionScalesTheOutput() {
    var c = Matrix(rows: 2, columns: 2, values: [1, 2, 3, 4])
    BLAS.gemm(Matrix(rows: 2, columns: 0), Matrix(rows: 0, columns: 2), into: &c, beta: 0.5)
    #expect(c.values == [0.5, 1, 1.5, 2])
  }
}
