// ssl-quality · LinearAlgebra+Decompositions.swift — eigen- and singular-value decompositions
// through LAPACKE (`ssyevd`, `sgesdd`) that only the tests use.

import CLAPACKE

@testable import SSLQuality

extension LinearAlgebra {
  /// Eigenvalues (ascending) and orthonormal eigenvectors (as columns) of a symmetric matrix,
  /// read from its lower triangle.
  ///
  /// - Precondition: `matrix` is square.
  /// - Complexity: O(n³).
  static func symmetricEigen(_ matrix: Matrix) throws -> (values: [Float], vectors: Matrix) {
    precondition(matrix.rows == matrix.columns, "symmetricEigen: matrix is not square")
    let n = matrix.rows
    var vectors = Matrix(rows: n, columns: n, values: matrix.values)
    var values = [Float](repeating: 0, count: n)
    guard n > 0 else { return (values, vectors) }
    let info = vectors.withUnsafeMutableBufferPointer { a in
      LAPACKE_ssyevd(LAPACK_ROW_MAJOR, CChar(UInt8(ascii: "V")), CChar(UInt8(ascii: "L")), Int32(n), a.baseAddress, Int32(n), &values)
    }
    guard info == 0 else { throw LinearAlgebraError.lapackFailure(routine: "ssyevd", info: Int(info)) }
    return (values, vectors)
  }

  /// Singular values of `matrix`, in descending order.
  ///
  /// - Complexity: O(m · n · min(m, n)).
  static func singularValues(_ matrix: Matrix) throws -> [Float] {
    try svd(matrix, vectors: false).values
  }

  /// Thin singular value decomposition `A = U · diag(s) · Vᵀ`: `U` is `m × r`, `Vᵀ` is
  /// `r × n`, `r = min(m, n)`, singular values descending.
  static func svd(_ matrix: Matrix) throws -> (u: Matrix, values: [Float], vt: Matrix) {
    let result = try svd(matrix, vectors: true)
    return (result.u, result.values, result.vt)
  }

  private static func svd(_ matrix: Matrix, vectors: Bool) throws -> (u: Matrix, values: [Float], vt: Matrix) {
    let m = matrix.rows, n = matrix.columns, r = min(m, n)
    var a = Matrix(rows: m, columns: n, values: matrix.values)
    var values = [Float](repeating: 0, count: r)
    var u = Matrix(rows: vectors ? m : 0, columns: vectors ? r : 0)
    var vt = Matrix(rows: vectors ? r : 0, columns: vectors ? n : 0)
    guard r > 0 else { return (u, values, vt) }
    let info = a.withUnsafeMutableBufferPointer { pa in
      u.withUnsafeMutableBufferPointer { pu in
        vt.withUnsafeMutableBufferPointer { pvt in
          LAPACKE_sgesdd(
            LAPACK_ROW_MAJOR, CChar(UInt8(ascii: vectors ? "S" : "N")), Int32(m), Int32(n), pa.baseAddress, Int32(n), &values,
            pu.baseAddress, Int32(max(1, r)), pvt.baseAddress, Int32(max(1, n)))
        }
      }
    }
    guard info == 0 else { throw LinearAlgebraError.lapackFailure(routine: "sgesdd", info: Int(info)) }
    return (u, values, vt)
  }
}
