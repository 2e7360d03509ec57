// ssl-quality · FinetuneInputs+Validation.swift — rows a fine-tuning run cannot use.

import SSLQuality

extension FinetuneInputs {
  /// The number of rows of `matrix` holding NaN or ±Inf, and the first few of them.
  public static func nonFiniteRows(_ matrix: Matrix, limit: Int = 5) -> (count: Int, first: [Int]) {
    let d = matrix.columns
    var count = 0, first: [Int] = []
    matrix.withUnsafeBufferPointer { values in
      for i in 0..<matrix.rows where !(0..<d).allSatisfy({ values[i * d + $0].isFinite }) {
        count += 1
        if first.count < limit { first.append(i) }
      }
    }
    return (count, first)
  }
}
