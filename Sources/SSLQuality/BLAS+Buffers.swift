// ssl-quality · BLAS+Buffers.swift — products on packed row-major buffers, Float and Double.

import CBLAS

extension BLAS {
  /// `C = alpha · op(A) · op(B) + beta · C` on packed row-major buffers, through
  /// `cblas_sgemm` for `Float` and `cblas_dgemm` for `Double`: `op(A)` is `m × k` (stored
  /// `k × m` when transposed), `op(B)` is `k × n`, `C` is `m × n`. With `k = 0` the
  /// product is empty and `C` becomes `beta · C` (`0` where `beta` is 0, as BLAS defines it).
  ///
  /// - Precondition: the buffers hold exactly those shapes; `Scalar` is `Float` or `Double`.
  /// - Complexity: O(m · n · k).
  package static func gemm<Scalar: BinaryFloatingPoint>(
    m: Int, n: Int, k: Int, _ a: UnsafeBufferPointer<Scalar>, transposeA: Bool = false,
    _ b: UnsafeBufferPointer<Scalar>, transposeB: Bool = false, into c: UnsafeMutableBufferPointer<Scalar>,
    alpha: Scalar = 1, beta: Scalar = 0
  ) {
    precondition(a.count == m * k && b.count == k * n && c.count == m * n, "gemm: buffer sizes do not match \(m)×\(k)·\(k)×\(n)")
    guard m > 0, n > 0 else { return }
    guard k > 0 else {
      for i in c.indices { c[i] = beta == 0 ? 0 : c[i] * beta }
      return
    }
    let opA = transposeA ? CblasTrans : CblasNoTrans, opB = transposeB ? CblasTrans : CblasNoTrans
    let lda = Int32(transposeA ? m : k), ldb = Int32(transposeB ? k : n)
    let (pa, pb, pc) = (UnsafeRawPointer(a.baseAddress), UnsafeRawPointer(b.baseAddress), UnsafeMutableRawPointer(c.baseAddress))
    if Scalar.self == Float.self {
      cblas_sgemm(
        CblasRowMajor, opA, opB, Int32(m), Int32(n), Int32(k), Float(alpha), pa?.assumingMemoryBound(to: Float.self), lda,
        pb?.assumingMemoryBound(to: Float.self), ldb, Float(beta), pc?.assumingMemoryBound(to: Float.self), Int32(n))
    } else if Scalar.self == Double.self {
      cblas_dgemm(
        CblasRowMajor, opA, opB, Int32(m), Int32(n), Int32(k), Double(alpha), pa?.assumingMemoryBound(to: Double.self), lda,
        pb?.assumingMemoryBound(to: Double.self), ldb, Double(beta), pc?.assumingMemoryBound(to: Double.self), Int32(n))
    } else {
      preconditionFailure("gemm: BLAS has no \(Scalar.self) product")
    }
  }

  /// ``gemm(m:n:k:_:transposeA:_:transposeB:into:alpha:beta:)`` on array slices holding
  /// exactly `op(A)` and `op(B)`, writing the `m × n` result into the front of `c` (a
  /// scratch buffer reused across blocks).
  ///
  /// - Precondition: `c` holds at least `m × n` values.
  package static func gemm<Scalar: BinaryFloatingPoint>(
    m: Int, n: Int, k: Int, _ a: ArraySlice<Scalar>, transposeA: Bool = false,
    _ b: ArraySlice<Scalar>, transposeB: Bool = false, into c: inout [Scalar], alpha: Scalar = 1, beta: Scalar = 0
  ) {
    precondition(c.count >= m * n, "gemm: \(c.count) values for a \(m)×\(n) result")
    a.withUnsafeBufferPointer { a in
      b.withUnsafeBufferPointer { b in
        c.withUnsafeMutableBufferPointer { c in
          gemm(
            m: m, n: n, k: k, a, transposeA: transposeA, b, transposeB: transposeB,
            into: UnsafeMutableBufferPointer(rebasing: c[..<(m * n)]), alpha: alpha, beta: beta)
        }
      }
    }
  }
}
