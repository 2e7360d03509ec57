// ssl-quality · SymmetricEigenvalues.swift — eigenvalues of a symmetric Double matrix through LAPACKE.

import CLAPACKE

extension LinearAlgebra {
  /// Eigenvalues of the symmetric `n × n` matrix `upper` (row-major; only its upper
  /// triangle is read), in **descending** order, computed in `Double` by LAPACK's
  /// divide-and-conquer `dsyevd` (values only), on OpenBLAS's one thread, so the values do
  /// not depend on any thread count.
  ///
  /// - Throws: ``LinearAlgebraError/lapackFailure(routine:info:)`` when LAPACK does not converge.
  /// - Complexity: O(n³) time, one copy of the matrix.
  public static func symmetricEigenvalues(_ upper: [Double], dimension n: Int) throws -> [Double] {
    precondition(upper.count == n * n, "symmetricEigenvalues: \(upper.count) values for a \(n)×\(n) matrix")
    guard n > 0 else { return [] }
    var work = upper
    var values = [Double](repeating: 0, count: n)
    BLASThreads.useOne()
    let info = LAPACKE_dsyevd(LAPACK_ROW_MAJOR, CChar(UInt8(ascii: "N")), CChar(UInt8(ascii: "U")), Int32(n), &work, Int32(n), &values)
    guard info == 0 else { throw LinearAlgebraError.lapackFailure(routine: "dsyevd", info: Int(info)) }
    return values.reversed()
  }
}
