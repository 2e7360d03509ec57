// ssl-quality · ResampledRows.swift — a bootstrap replicate of a matrix's rows, read through its source.

/// The rows `indices` of `base`, in that order, as a ``RowSource``: a bootstrap replicate
/// of a matrix without a copy of the matrix. `indices` are sorted, so each block of rows
/// is gathered from one contiguous block of `base` (a file is still read front to back).
struct ResampledRows<Base: RowSource>: RowSource {
  let base: Base
  let indices: [Int]

  /// - Precondition: `indices` ascending, each in `0..<base.rows`.
  init(_ base: Base, indices: [Int]) {
    precondition(zip(indices, indices.dropFirst()).allSatisfy { $0 <= $1 }, "indices must be sorted")
    precondition(indices.allSatisfy { $0 >= 0 && $0 < base.rows }, "row index out of range")
    (self.base, self.indices) = (base, indices)
  }

  var rows: Int { indices.count }
  var columns: Int { base.columns }

  func withRows<R>(_ range: Range<Int>, scratch: RowScratch, _ body: (MatrixView) throws -> R) rethrows -> R {
    let picked = indices[range]
    guard let first = picked.first, let last = picked.last else {
      return try Matrix(rows: 0, columns: columns).withView(body)
    }
    var values: [Float] = []
    values.reserveCapacity(picked.count * columns)
    base.withRows(first..<(last + 1), scratch: scratch) { block in
      for row in picked { values += block.row(row - first) }
    }
    return try Matrix(rows: picked.count, columns: columns, values: values).withView(body)
  }
}
