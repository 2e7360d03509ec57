// ssl-quality · BLAS.swift — dense products through OpenBLAS, with shape checks.

/// Dense matrix products computed by OpenBLAS (`cblas_sgemm`), in ``ProductBlocks`` fixed by
/// the shape, each one single-threaded BLAS call, spread over the threads of the enclosing
/// ``ExecutionContext/blas(_:)``: the bits do not depend on the thread count.
public enum BLAS {
  /// `C = alpha · op(A) · op(B) + beta · C`, where `op(X)` is `X` or its transpose.
  ///
  /// - Precondition: the shapes agree (`op(A)` is `m × k`, `op(B)` is `k × n`, `C` is `m × n`).
  /// - Complexity: O(m · n · k).
  public static func gemm(
    _ a: Matrix, transposeA: Bool = false, _ b: Matrix, transposeB: Bool = false,
    into c: inout Matrix, alpha: Float = 1, beta: Float = 0
  ) {
    a.withView { a in
      b.withView { b in
        c.withMutableView { c in gemm(a, transposeA: transposeA, b, transposeB: transposeB, into: c, alpha: alpha, beta: beta) }
      }
    }
  }

  /// ``gemm(_:transposeA:_:transposeB:into:alpha:beta:)`` on views (rows of a shared output).
  package static func gemm(
    _ a: MatrixView, transposeA: Bool = false, _ b: MatrixView, transposeB: Bool = false,
    into c: MutableMatrixView, alpha: Float = 1, beta: Float = 0
  ) {
    let m = transposeA ? a.columns : a.rows
    let k = transposeA ? a.rows : a.columns
    let kb = transposeB ? b.columns : b.rows
    let n = transposeB ? b.rows : b.columns
    precondition(k == kb, "gemm: inner dimensions \(k) and \(kb) differ")
    precondition(c.rows == m && c.columns == n, "gemm: output is \(c.rows)×\(c.columns), expected \(m)×\(n)")
    guard m > 0, n > 0 else { return }
    guard k > 0 else {
      let out = c.elements
      for i in out.indices { out[i] *= beta }
      return
    }
    blocked(m: m, n: n, k: k, a.base, transposeA: transposeA, b.base, transposeB: transposeB, into: c.base, alpha: alpha, beta: beta)
  }

  /// `op(A) · op(B)` as a new matrix.
  public static func product(
    _ a: Matrix, transposeA: Bool = false, _ b: Matrix, transposeB: Bool = false
  ) -> Matrix {
    var c = Matrix(rows: transposeA ? a.columns : a.rows, columns: transposeB ? b.rows : b.columns)
    gemm(a, transposeA: transposeA, b, transposeB: transposeB, into: &c)
    return c
  }
}
