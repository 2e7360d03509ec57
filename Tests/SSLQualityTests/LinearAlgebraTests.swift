// ssl-quality · LinearAlgebraTests.swift — LAPACK decompositions reconstruct their matrix.

import Testing

@testable import SSLQuality

@Suite("LAPACK wrappers")
struct LinearAlgebraTests {
  let a = Matrix(rows: 2, columns: 3, values: [1, 2, 3, 4, 5, 6])

  @Test func symmetricEigenReconstructs() throws {
    let s = Matrix(rows: 3, columns: 3, values: [4, 1, 0, 1, 3, 1, 0, 1, 2])
    let (values, vectors) = try LinearAlgebra.symmetricEigen(s)
    #expect(values == values.sorted())
    for k in 0..<3 {
      for i in 0..<3 {
        let sv = (0..<3).reduce(Float(0)) { $0 + s[i, $1] * vectors[$1, k] }
        #expect(abs(sv - values[k] * vectors[i, k]) < 1e-5)
      }
    }
    #expect(abs(values.reduce(0, +) - 9) < 1e-5)  // trace
  }

  @Test func singularValuesOfAKnownMatrix() throws {
    let m = Matrix(rows: 3, columns: 2, values: [3, 0, 0, -2, 0, 0])
    #expect(try LinearAlgebra.singularValues(m) == [3, 2])
    let (u, s, vt) = try LinearAlgebra.svd(a)
    #expect(u.rows == 2 && u.columns == 2 && vt.rows == 2 && vt.columns == 3)
    for i in 0..<2 {
      for j in 0..<3 {
        let value = (0..<2).reduce(Float(0)) { $0 + u[i, $1] * s[$1] * vt[$1, j] }
        #expect(abs(value - a[i, j]) < 1e-4)
      }
    }
  }

  @Test func emptyDecompositions() throws {
    #expect(try LinearAlgebra.singularValues(Matrix(rows: 0, columns: 3)).isEmpty)
    #expect(try LinearAlgebra.symmetricEigen(Matrix(rows: 0, columns: 0)).values.isEmpty)
  }
}
