// ssl-quality · Matrix+RowNorms.swift — squared L2 norms of rows, and rows scaled by a factor each.

extension Matrix {
  /// `‖x_i‖₂² = Σ_j x_ij²` for each row, summed in `Double` in column order.
  package func rowSquareSums() -> [Double] {
    let d = columns
    return withUnsafeBufferPointer { x in
      (0..<rows).map { i in
        var squares = 0.0
        for j in 0..<d { squares += Double(x[i * d + j]) * Double(x[i * d + j]) }
        return squares
      }
    }
  }

  /// This matrix with row `i` multiplied by `factors[i]` (in `Float`).
  package func scalingRows(by factors: [Float]) -> Matrix {
    precondition(factors.count == rows, "scalingRows: \(factors.count) factors for \(rows) rows")
    var out = Matrix(rows: rows, columns: columns)
    let d = columns
    withUnsafeBufferPointer { x in
      out.withUnsafeMutableBufferPointer { y in
        for i in 0..<rows {
          for j in 0..<d { y[i * d + j] = x[i * d + j] * factors[i] }
        }
      }
    }
    return out
  }
}
