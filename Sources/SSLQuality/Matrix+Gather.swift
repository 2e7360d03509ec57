// ssl-quality · Matrix+Gather.swift — chosen rows or columns of a matrix copied into another.

extension Matrix {
  /// Writes rows `rows` of `source`, in that order, into this matrix's first
  /// `rows.count` rows (a reused batch buffer, or a matrix made for them).
  ///
  /// - Precondition: this matrix has `source.columns` columns and at least `rows.count` rows.
  package mutating func copyRows(_ rows: [Int], of source: Matrix) {
    let d = source.columns
    precondition(columns == d && rows.count <= self.rows, "copyRows: \(rows.count) rows of width \(d) into \(self.rows)×\(columns)")
    source.withUnsafeBufferPointer { x in
      withUnsafeMutableBufferPointer { y in
        for (r, i) in rows.enumerated() {
          _ = UnsafeMutableBufferPointer(rebasing: y[(r * d)..<((r + 1) * d)]).update(fromContentsOf: x[(i * d)..<((i + 1) * d)])
        }
      }
    }
  }

  /// Columns `columns` of this matrix, in that order, written into the front of `buffer`
  /// and returned as a matrix over that memory (no copy while the result is only read).
  ///
  /// - Precondition: `buffer` holds at least `rows × columns.count` elements.
  package func gatherColumns(_ columns: [Int], into buffer: inout Matrix) -> Matrix {
    let d = self.columns, kept = columns.count
    precondition(buffer.count >= rows * kept, "gatherColumns: buffer too small")
    withUnsafeBufferPointer { x in
      buffer.withUnsafeMutableBufferPointer { y in
        for i in 0..<rows {
          for (k, j) in columns.enumerated() { y[i * kept + k] = x[i * d + j] }
        }
      }
    }
    return Matrix(rows: rows, columns: kept, prefixOf: buffer)
  }
}
