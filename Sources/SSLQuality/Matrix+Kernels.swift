// ssl-quality · Matrix+Kernels.swift — the element loops other files need over a matrix's storage: row and column gathers, non-finite rows, row norms and scaling, row softmax.

import Foundation

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

  /// Indices of the rows holding at least one NaN or ±∞ entry, ascending.
  package func nonFiniteRowIndices() -> [Int] { withView { $0.nonFiniteRowIndices() } }

  /// Each row replaced in place by its softmax (``softmax(_:count:scale:)``).
  package mutating func softmaxRows() {
    let k = columns, n = rows
    withUnsafeMutableBufferPointer { p in
      for i in 0..<n { _ = Self.softmax(p.baseAddress! + i * k, count: k) }
    }
  }

  /// One row of `k` logits `z` replaced in place by `scale · softmax(z)`,
  /// `scale · exp(z_c − max z) / Σ exp(z − max z)`: the exponentials in `Float`, their sum
  /// in `Double`. Returns `max z` and that sum, so that `log Σ exp(z) = max z + log sum`.
  /// The one softmax of the probe: its loss and gradient, and its predicted probabilities.
  @inline(__always)
  package static func softmax(_ row: UnsafeMutablePointer<Float>, count k: Int, scale: Float = 1) -> (top: Float, sum: Double) {
    var top = -Float.infinity
    for c in 0..<k { top = max(top, row[c]) }
    var sum = 0.0
    for c in 0..<k {
      let e = exp(row[c] - top)
      row[c] = e
      sum += Double(e)
    }
    let inverse = Float(1 / sum)
    for c in 0..<k { row[c] *= inverse * scale }
    return (top, sum)
  }
}

extension MatrixView {
  /// Indices of the rows holding at least one NaN or ±∞ entry, ascending.
  ///
  /// A row is finite when `Σ_j x_ij · 0` is 0: the product is ±0 for a finite value and NaN
  /// for NaN or ±∞, and NaN survives the sum (eight lanes at a time).
  package func nonFiniteRowIndices() -> [Int] {
    let columns = self.columns, raw = UnsafeRawPointer(base)
    var found: [Int] = []
    for row in 0..<rows {
      let start = row * columns
      var lanes = SIMD8<Float>(repeating: 0)
      var j = 0
      while j + 8 <= columns {
        lanes += raw.loadUnaligned(fromByteOffset: (start + j) * MemoryLayout<Float>.stride, as: SIMD8<Float>.self) * 0
        j += 8
      }
      var poison = lanes.sum()
      while j < columns {
        poison += base[start + j] * 0
        j += 1
      }
      if poison != 0 { found.append(row) }
    }
    return found
  }
}
