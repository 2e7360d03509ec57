// ssl-quality · FinetuneInputs+Validation.swift — rows a fine-tuning run cannot use.

import SSLQuality

extension FinetuneInputs {
  /// The number of rows of `matrix` holding NaN or ±Inf, and the first few of them.
  public static func nonFiniteRows(_ matrix: Matrix, limit: Int = 5) -> (count: Int, first: [Int]) {
    let rows = matrix.nonFiniteRowIndices()
    return (rows.count, Array(rows.prefix(limit)))
  }
}
