// ssl-quality · ViewAgreement.swift — alignment and uniformity of two views' embeddings.

import Foundation

/// Alignment and uniformity (Wang & Isola, "Understanding contrastive representation
/// learning through alignment and uniformity on the hypersphere", ICML 2020, §4.1), on
/// L2-normalised rows `z_i = h_i / ‖h_i‖₂` (a zero row stays zero), with the paper's
/// defaults `α = 2`, `t = 2`:
///
/// ```
/// alignment  = mean_i ‖a_i − b_i‖²                      (row i of view A and of view B)
/// uniformity = log mean_{i<j} exp(−2 ‖z_i − z_j‖²)      (over the pairs of one view)
/// ```
///
/// Lower is better for both. `uniformity` is reported per view and as their mean, as the
/// paper's loss averages the two views.
public struct ViewAgreement: Sendable, Equatable {
  public var alignment: Double
  public var uniformityA: Double
  public var uniformityB: Double
  /// `(uniformityA + uniformityB) / 2`.
  public var uniformity: Double

  /// An agreement from its values, as read back from a file.
  public init(alignment: Double, uniformityA: Double, uniformityB: Double, uniformity: Double) {
    (self.alignment, self.uniformityA, self.uniformityB, self.uniformity) = (alignment, uniformityA, uniformityB, uniformity)
  }

  /// Measures two views whose row `i` embeds the same sample.
  ///
  /// - Precondition: the views have the same shape.
  /// - Complexity: O(N² · D) through BLAS (`dgemm` on blocks of 256 rows), O(256 · N) memory
  ///   besides the normalised rows.
  public init(_ a: Matrix, _ b: Matrix) {
    precondition(a.rows == b.rows && a.columns == b.columns, "ViewAgreement: views of different shapes")
    let za = Self.normalizedRows(a), zb = Self.normalizedRows(b)
    let d = a.columns, n = a.rows
    var total = 0.0
    for k in 0..<(n * d) {
      let difference = za[k] - zb[k]
      total += difference * difference
    }
    alignment = n > 0 ? total / Double(n) : .nan
    uniformityA = Self.uniformity(za, rows: n, columns: d)
    uniformityB = Self.uniformity(zb, rows: n, columns: d)
    uniformity = (uniformityA + uniformityB) / 2
  }

  /// Rows scaled to unit L2 norm, in `Double`.
  static func normalizedRows(_ matrix: Matrix) -> [Double] {
    let d = matrix.columns
    var z = [Double](repeating: 0, count: matrix.rows * d)
    for (i, squares) in matrix.rowSquareSums().enumerated() where squares > 0 {
      let inverse = 1 / squares.squareRoot()
      for j in 0..<d { z[i * d + j] = Double(matrix[i, j]) * inverse }
    }
    return z
  }

  /// `log mean_{i<j} exp(−2 ‖z_i − z_j‖²)`, with `‖z_i − z_j‖² = ‖z_i‖² + ‖z_j‖² − 2 z_i·z_j`
  /// and the dot products from `dgemm` one block of rows at a time. NaN for fewer than 2 rows.
  static func uniformity(_ z: [Double], rows n: Int, columns d: Int) -> Double {
    guard n >= 2 else { return .nan }
    var norms = [Double](repeating: 0, count: n)
    for i in 0..<n { for j in 0..<d { norms[i] += z[i * d + j] * z[i * d + j] } }
    let blockRows = 256
    var dots = [Double](repeating: 0, count: blockRows * n)
    var sum = 0.0
    for start in stride(from: 0, to: n, by: blockRows) {
      let m = min(blockRows, n - start)
      BLAS.gemm(m: m, n: n, k: d, z[(start * d)..<((start + m) * d)], z[...], transposeB: true, into: &dots)
      for r in 0..<m {
        let i = start + r
        for j in (i + 1)..<n {
          let squared = max(0, norms[i] + norms[j] - 2 * dots[r * n + j])
          sum += exp(-2 * squared)
        }
      }
    }
    return log(sum / (Double(n) * Double(n - 1) / 2))
  }
}
