// ssl-quality · BLAS+Gram.swift — the Gram update C += AᵀA in column bands fixed by the width.

import CBLAS

extension BLAS {
  /// Columns per band of ``addGram(_:rows:columns:into:)``.
  package static let gramBandColumns = 512

  /// `C += AᵀA` on the upper triangle of the row-major `n × n` Double matrix `c`, where
  /// `a` is a row-major `k × n` Double matrix (the lower triangle of `c` is not touched).
  ///
  /// The upper triangle is cut into column bands of ``gramBandColumns`` columns, a cut that
  /// depends on `n` alone: band `[c₀, c₁)` is one `cblas_dgemm` for rows `[0, c₀)`
  /// (`C[0:c₀, c₀:c₁] += A[:, 0:c₀]ᵀ A[:, c₀:c₁]`) and one `cblas_dsyrk` for its diagonal
  /// block. Each call is single-threaded; the bands (widest work first) are spread over the
  /// threads of the enclosing ``ExecutionContext/blas(_:)``, so the bits do not depend on
  /// the thread count.
  ///
  /// - Precondition: `a` holds `k × n` values and `c` holds `n × n`.
  /// - Complexity: O(k · n²) time (BLAS), no memory besides `c`.
  package static func addGram(_ a: [Double], rows k: Int, columns n: Int, into c: inout [Double]) {
    precondition(a.count == k * n && c.count == n * n, "addGram: \(a.count) and \(c.count) values for a \(k)×\(n) matrix")
    guard k > 0, n > 0 else { return }
    a.withUnsafeBufferPointer { a in
      c.withUnsafeMutableBufferPointer { c in
        guard let pa = a.baseAddress, let pc = c.baseAddress else { return }
        bands(pa, rows: k, columns: n, into: pc)
      }
    }
  }

  /// The bands of ``addGram(_:rows:columns:into:)`` on packed buffers.
  private static func bands(_ pa: UnsafePointer<Double>, rows k: Int, columns n: Int, into pc: UnsafeMutablePointer<Double>) {
    BLASThreads.useOne()
    let bands = (n + gramBandColumns - 1) / gramBandColumns
    let band = { (index: Int) in
      // The last band has the most rows above its diagonal block: run it first.
      let start = (bands - 1 - index) * gramBandColumns, width = min(gramBandColumns, n - start)
      if start > 0 {
        cblas_dgemm(
          CblasRowMajor, CblasTrans, CblasNoTrans, Int32(start), Int32(width), Int32(k), 1, pa, Int32(n), pa + start, Int32(n), 1,
          pc + start, Int32(n))
      }
      cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, Int32(width), Int32(k), 1, pa + start, Int32(n), 1, pc + start * n + start, Int32(n))
    }
    if bands == 1 {
      band(0)
    } else {
      _ = ExecutionContext.productContext.parallelMap(bands, band)
    }
  }
}
