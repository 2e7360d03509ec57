// ssl-quality · BLAS+Buffers.swift — products on packed row-major buffers, Float and Double, in shape-fixed blocks.

import CBLAS

extension BLAS {
  /// `C = alpha · op(A) · op(B) + beta · C` on packed row-major buffers, through
  /// `cblas_sgemm` for `Float` and `cblas_dgemm` for `Double`: `op(A)` is `m × k` (stored
  /// `k × m` when transposed), `op(B)` is `k × n`, `C` is `m × n`. With `k = 0` the
  /// product is empty and `C` becomes `beta · C` (`0` where `beta` is 0, as BLAS defines it).
  /// The output is computed in ``ProductBlocks`` on the threads of the enclosing
  /// ``ExecutionContext/blas(_:)`` (one thread outside it), bit-identical for any thread count.
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
    guard k > 0, let pa = a.baseAddress, let pb = b.baseAddress, let pc = c.baseAddress else {
      for i in c.indices { c[i] = beta == 0 ? 0 : c[i] * beta }
      return
    }
    blocked(m: m, n: n, k: k, pa, transposeA: transposeA, pb, transposeB: transposeB, into: pc, alpha: alpha, beta: beta)
  }

  /// The product of ``gemm(m:n:k:_:transposeA:_:transposeB:into:alpha:beta:)`` on packed
  /// operands (`m, n, k > 0`): the ``ProductBlocks`` of the shape, one single-threaded BLAS
  /// call each, spread over ``ExecutionContext/productContext``'s workers.
  static func blocked<Scalar: BinaryFloatingPoint>(
    m: Int, n: Int, k: Int, _ a: UnsafePointer<Scalar>, transposeA: Bool, _ b: UnsafePointer<Scalar>, transposeB: Bool,
    into c: UnsafeMutablePointer<Scalar>, alpha: Scalar, beta: Scalar
  ) {
    BLASThreads.useOne()
    let plan = ProductBlocks(m: m, n: n, k: k)
    let lda = transposeA ? m : k, ldb = transposeB ? k : n
    let block = { (index: Int) in
      let band = plan.band(index)
      if plan.splitsRows {
        // Rows `band` of op(A): rows of A, or columns of the stored transpose.
        let pa = transposeA ? a + band.lowerBound : a + band.lowerBound * lda
        call(m: band.count, n: n, k: k, pa, lda: lda, transposeA, b, ldb: ldb, transposeB, c + band.lowerBound * n, ldc: n, alpha, beta)
      } else {
        // Columns `band` of op(B): columns of B, or rows of the stored transpose.
        let pb = transposeB ? b + band.lowerBound * ldb : b + band.lowerBound
        call(m: m, n: band.count, k: k, a, lda: lda, transposeA, pb, ldb: ldb, transposeB, c + band.lowerBound, ldc: n, alpha, beta)
      }
    }
    if plan.count == 1 {
      block(0)
    } else {
      _ = ExecutionContext.productContext.parallelMap(plan.count, block)
    }
  }

  /// One `cblas_sgemm` / `cblas_dgemm` call on row-major operands with leading dimensions.
  private static func call<Scalar: BinaryFloatingPoint>(
    m: Int, n: Int, k: Int, _ a: UnsafePointer<Scalar>, lda: Int, _ transposeA: Bool, _ b: UnsafePointer<Scalar>, ldb: Int,
    _ transposeB: Bool, _ c: UnsafeMutablePointer<Scalar>, ldc: Int, _ alpha: Scalar, _ beta: Scalar
  ) {
    let opA = transposeA ? CblasTrans : CblasNoTrans, opB = transposeB ? CblasTrans : CblasNoTrans
    let (pa, pb, pc) = (UnsafeRawPointer(a), UnsafeRawPointer(b), UnsafeMutableRawPointer(c))
    if Scalar.self == Float.self {
      cblas_sgemm(
        CblasRowMajor, opA, opB, Int32(m), Int32(n), Int32(k), Float(alpha), pa.assumingMemoryBound(to: Float.self), Int32(lda),
        pb.assumingMemoryBound(to: Float.self), Int32(ldb), Float(beta), pc.assumingMemoryBound(to: Float.self), Int32(ldc))
    } else if Scalar.self == Double.self {
      cblas_dgemm(
        CblasRowMajor, opA, opB, Int32(m), Int32(n), Int32(k), Double(alpha), pa.assumingMemoryBound(to: Double.self), Int32(lda),
        pb.assumingMemoryBound(to: Double.self), Int32(ldb), Double(beta), pc.assumingMemoryBound(to: Double.self), Int32(ldc))
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
