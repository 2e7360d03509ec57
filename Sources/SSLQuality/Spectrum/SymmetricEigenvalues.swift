// ssl-quality · SymmetricEigenvalues.swift — eigenvalues of a symmetric Double matrix through LAPACKE.

import CLAPACKE

extension LinearAlgebra {
  /// Eigenvalues of the symmetric `n × n` matrix `upper` (row-major; only its upper
  /// triangle is read), in **descending** order, computed in `Double` by LAPACK's
  /// divide-and-conquer `dsyevd` (values only, the routine numpy's `eigvalsh` calls), on
  /// OpenBLAS's one thread, so the values do not depend on any thread count.
  ///
  /// The matrix is decomposed where it lies: a row-major upper triangle is the column-major
  /// lower one, which LAPACKE passes to LAPACK without the transposed copy it makes of a
  /// row-major matrix. Pass the last reference to `upper` (`consume`) to spare the one copy.
  ///
  /// - Throws: ``LinearAlgebraError/lapackFailure(routine:info:)`` when LAPACK does not converge.
  /// - Complexity: O(n³) time; O(n) memory besides `upper` (and a copy of it when it is shared).
  public static func symmetricEigenvalues(_ upper: consuming [Double], dimension n: Int) throws -> [Double] {
    precondition(upper.count == n * n, "symmetricEigenvalues: \(upper.count) values for a \(n)×\(n) matrix")
    guard n > 0 else { return [] }
    var work = consume upper
    var values = [Double](repeating: 0, count: n)
    BLASThreads.useOne()
    let info = LAPACKE_dsyevd(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "N")), CChar(UInt8(ascii: "L")), Int32(n), &work, Int32(n), &values)
    guard info == 0 else { throw LinearAlgebraError.lapackFailure(routine: "dsyevd", info: Int(info)) }
    return values.reversed()
  }
}
