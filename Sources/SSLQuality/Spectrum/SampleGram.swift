// ssl-quality · SampleGram.swift — the Gram matrix of a matrix's rows, the smaller side when there are fewer rows than columns.

/// The `n × n` Gram matrix of the rows `K = X Xᵀ` of an `n × D` matrix `X` with `n < D`,
/// and its doubly centred form
///
/// ```
/// K_c = C K C,   C = I − 1 1ᵀ / n,   i.e.   K_c[i, j] = K[i, j] − r_i − r_j + m,
/// r_i = (1/n) Σ_j K[i, j],   m = (1/n) Σ_i r_i,
/// ```
///
/// the Gram matrix of the centred rows `X − 1 x̄`. `XᵀX` and `X Xᵀ` have the same non-zero
/// eigenvalues (both are the squared singular values of `X`), and so do `(X − 1x̄)ᵀ(X − 1x̄)`
/// and `K_c`; the other `D − n` eigenvalues of the `D × D` matrices are 0. So the spectrum
/// of a wide matrix needs `8n²` bytes per matrix instead of `8D²`.
///
/// `K` is accumulated in `Double` over blocks of ``blockColumns`` columns (a cut fixed by
/// `D`), each one ``BLAS/addGram(_:rows:columns:into:)`` of the block's transpose converted
/// to `Double` (products of two `Float`s are exact in `Double`).
public struct SampleGram: Sendable, Equatable {
  /// Columns per Gram update.
  public static let blockColumns = 1024

  /// `n`.
  public let samples: Int
  /// `K`, row-major, upper triangle filled.
  public private(set) var gram: [Double]

  /// The Gram matrix of rows `rows` of `values` (row indices, ascending; rows holding NaN
  /// or ±∞ must be left out by the caller).
  ///
  /// - Complexity: O(n² · D) time (BLAS), `8n²` bytes plus one block of `8n ·` ``blockColumns``.
  package init(_ values: MatrixView, rows: [Int]) {
    let n = rows.count, d = values.columns
    samples = n
    gram = [Double](repeating: 0, count: n * n)
    guard n > 0, d > 0 else { return }
    var block = [Double](repeating: 0, count: Self.blockColumns * n)
    values.withElements { x in
      for start in stride(from: 0, to: d, by: Self.blockColumns) {
        let width = min(Self.blockColumns, d - start)
        // Block rows are the columns `start ..< start + width` of the chosen rows: `Aᵀ A` is their Gram matrix.
        for (i, row) in rows.enumerated() {
          let base = row * d + start
          for c in 0..<width { block[c * n + i] = Double(x[base + c]) }
        }
        if width < Self.blockColumns { block.removeLast((Self.blockColumns - width) * n) }
        BLAS.addGram(block, rows: width, columns: n, into: &gram)
      }
    }
  }

  /// `K_c = C K C` (upper triangle), the Gram matrix of the centred rows.
  public var centeredGram: [Double] {
    let n = samples
    guard n > 0 else { return gram }
    var means = [Double](repeating: 0, count: n)
    for i in 0..<n {
      for j in i..<n {
        let value = gram[i * n + j]
        means[i] += value
        if j != i { means[j] += value }
      }
    }
    for i in 0..<n { means[i] /= Double(n) }
    let grand = means.reduce(0, +) / Double(n)
    var centred = gram
    for i in 0..<n {
      for j in i..<n { centred[i * n + j] = gram[i * n + j] - means[i] - means[j] + grand }
    }
    return centred
  }

  /// Gives up `K` (left empty), so a caller can decompose it in place.
  mutating func takeGram() -> [Double] {
    var taken: [Double] = []
    swap(&taken, &gram)
    return taken
  }
}
