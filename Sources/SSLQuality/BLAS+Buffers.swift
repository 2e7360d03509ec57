// ssl-quality · BLAS+Buffers.swift — products on packed row-major buffers, Float and Double.

import CBLAS

extension BLAS {
  /// `C = alpha · op(A) · op(B) + beta · C` on packed row-major buffers (`cblas_sgemm`):
  /// `op(A)` is `m × k` (stored `k × m` when transposed), `op(B)` is `k × n`, `C` is `m × n`.
  ///
  /// - Precondition: the buffers hold exactly those shapes.
  /// - Complexity: O(m · n · k).
  public static func gemm(
    m: Int, n: Int, k: Int, _ a: UnsafeBufferPointer<Float>, transposeA: Bool = false,
    _ b: UnsafeBufferPointer<Float>, transposeB: Bool = false, into c: UnsafeMutableBufferPointer<Float>,
    alpha: Float = 1, beta: Float = 0
  ) {
    precondition(a.count == m * k && b.count == k * n && c.count == m * n, "gemm: buffer sizes do not match \(m)×\(k)·\(k)×\(n)")
    guard m > 0, n > 0 else { return }
    guard k > 0 else {
      for i in c.indices { c[i] = beta == 0 ? 0 : c[i] * beta }
      return
    }
    cblas_sgemm(
      CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
      Int32(m), Int32(n), Int32(k), alpha, a.baseAddress, Int32(transposeA ? m : k), b.baseAddress,
      Int32(transposeB ? k : n), beta, c.baseAddress, Int32(n))
  }

  /// The `Double` counterpart of ``gemm(m:n:k:_:transposeA:_:transposeB:into:alpha:beta:)-(_,_,_,UnsafeBufferPointer<Float>,_,_,_,_,_,_)``
  /// (`cblas_dgemm`).
  public static func gemm(
    m: Int, n: Int, k: Int, _ a: UnsafeBufferPointer<Double>, transposeA: Bool = false,
    _ b: UnsafeBufferPointer<Double>, transposeB: Bool = false, into c: UnsafeMutableBufferPointer<Double>,
    alpha: Double = 1, beta: Double = 0
  ) {
    precondition(a.count == m * k && b.count == k * n && c.count == m * n, "gemm: buffer sizes do not match \(m)×\(k)·\(k)×\(n)")
    guard m > 0, n > 0 else { return }
    guard k > 0 else {
      for i in c.indices { c[i] = beta == 0 ? 0 : c[i] * beta }
      return
    }
    cblas_dgemm(
      CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
      Int32(m), Int32(n), Int32(k), alpha, a.baseAddress, Int32(transposeA ? m : k), b.baseAddress,
      Int32(transposeB ? k : n), beta, c.baseAddress, Int32(n))
  }
}
