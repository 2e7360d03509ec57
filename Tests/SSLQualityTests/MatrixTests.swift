// ssl-quality · MatrixTests.swift — matrices are values: a mutated copy leaves the original alone.

import Testing

@testable import SSLQuality

@Suite("Matrix value semantics")
struct MatrixTests {
  @Test("mutating a copy leaves the original unchanged")
  func copyOnWrite() {
    let a = Matrix(rows: 2, columns: 3, values: [1, 2, 3, 4, 5, 6])
    var b = a
    b[0, 0] = 99
    #expect(a[0, 0] == 1 && b[0, 0] == 99)
    #expect(a.values == [1, 2, 3, 4, 5, 6])
    var rows = a.rowRange(1..<2)
    rows[0, 2] = -1
    #expect(a[1, 2] == 6 && rows.values == [4, 5, -1])
  }

  @Test("a product into a shared matrix writes a copy")
  func productIntoCopy() {
    let a = Matrix(rows: 2, columns: 2, values: [1, 2, 3, 4])
    let original = Matrix(rows: 2, columns: 2)
    var c = original
    BLAS.gemm(a, a, into: &c)
    #expect(original.values == [0, 0, 0, 0])
    #expect(c.values == [7, 10, 15, 22])
  }

  @Test func matrixBasics() {
    var m = Matrix(rows: 2, columns: 2, values: [1, 2, 3, 4])
    #expect(m.row(1) == [3, 4] && m[0, 1] == 2 && m.count == 4)
    m[1, 0] = 9
    #expect(m.values == [1, 2, 9, 4])
    #expect(m == Matrix(rows: 2, columns: 2, values: [1, 2, 9, 4]))
  }

  @Test("non-finite rows are found wherever the NaN or ±∞ sits, for every row width")
  func nonFiniteRows() {
    for columns in 1...19 {
      for position in 0..<columns {
        for bad in [Float.nan, .infinity, -.infinity] {
          var values = (0..<(3 * columns)).map { Float($0) - 7 }
          values[columns + position] = bad
          values[2 * columns] = -0.0
          #expect(Matrix(rows: 3, columns: columns, values: values).nonFiniteRowIndices() == [1], "\(columns) columns, at \(position)")
        }
      }
    }
    #expect(Matrix(rows: 2, columns: 0).nonFiniteRowIndices() == [])
    #expect(Matrix(rows: 1, columns: 3, values: [.greatestFiniteMagnitude, -.greatestFiniteMagnitude, 0]).nonFiniteRowIndices() == [])
  }
}
