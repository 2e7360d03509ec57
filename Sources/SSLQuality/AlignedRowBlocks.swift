// ssl-quality · AlignedRowBlocks.swift — the fixed row blocks a row-wise computation runs in, keyed by global row index.

/// The fixed decomposition of a row-wise computation: a map whose output row `i` depends
/// on input row `i` alone but is computed through BLAS products of many rows at once (the
/// adapter `h ↦ relu(h + fc2(relu(fc1(h))))` is one).
///
/// Rows are grouped in blocks of ``rows`` consecutive global rows — block `b` holds rows
/// `b · rows ..< (b + 1) · rows` of the whole matrix — and every block is computed as one
/// call of exactly ``rows`` rows, the rows missing from it (past the end of the matrix, or
/// outside the rows at hand) set to zero.
///
/// Why: a BLAS product's bits depend on its shape. OpenBLAS picks its code path and the
/// order of each inner sum from `(m, n, k)` — a 1-row or 7-row `sgemm` is summed otherwise
/// than a 256-row one, and differently again on each CPU kernel. With every call the same
/// shape and every row at the same place in it (its global index mod ``rows``), row `i`'s
/// result depends on the values of row `i` alone (row `i` of `A · B` reads row `i` of `A`
/// only, so the zero rows change nothing): the same bits whatever rows are read at a time,
/// whichever thread or process computes the block, however the matrix is split, on any one
/// kernel. (Across kernels the bits may differ; docs/determinism.md gives the tolerances.)
///
/// Ranges aligned to blocks cost no padding; an unaligned range pads its first and last
/// block only.
public enum AlignedRowBlocks {
  /// Rows per block: big enough that a product of a block runs near BLAS's full speed, small
  /// enough that a block of 8192-wide rows is 8 MB.
  public static let rows = 256

  /// The blocks that global rows `range` touch.
  package static func blocks(touching range: Range<Int>) -> Range<Int> {
    guard !range.isEmpty else { return 0..<0 }
    return (range.lowerBound / rows)..<((range.upperBound - 1) / rows + 1)
  }

  /// Global rows of block `block`.
  package static func globalRows(ofBlock block: Int) -> Range<Int> {
    (block * rows)..<((block + 1) * rows)
  }

  /// `count` rounded up to whole blocks (at least one): a read size whose reads, started at
  /// row 0, all begin on a block boundary.
  package static func wholeBlocks(_ count: Int) -> Int {
    max(1, (count + rows - 1) / rows) * rows
  }

  /// `transform` applied to `values`, which hold global rows `firstRow ..< firstRow +
  /// values.rows`, block by block: each block the rows touch is handed to `transform` as a
  /// ``rows`` × `values.columns` matrix (rows not in `values` zero), and the output rows of
  /// `values`' rows are returned in order, `values.rows × c` floats when `transform` returns
  /// ``rows`` × `c`. The blocks run on the threads of the enclosing
  /// ``ExecutionContext/blas(_:)`` scope, each with its products on one thread.
  ///
  /// - Precondition: `transform` returns a whole number of floats per row.
  /// - Complexity: one call of `transform` per block touched.
  package static func map(_ values: MatrixView, firstRow: Int, _ transform: @escaping (Matrix) -> [Float]) -> [Float] {
    let range = firstRow..<(firstRow + values.rows), blocks = blocks(touching: range), columns = values.columns
    let outputs = ExecutionContext.productContext.parallelMap(blocks.count) { index -> ArraySlice<Float> in
      let block = globalRows(ofBlock: blocks.lowerBound + index)
      let present = block.clamped(to: range)
      let rowsHeld = values.rowRange((present.lowerBound - firstRow)..<(present.upperBound - firstRow))
      var input = rowsHeld.values
      if present != block {
        var padded = [Float](repeating: 0, count: rows * columns)
        let offset = present.lowerBound - block.lowerBound
        padded.replaceSubrange((offset * columns)..<((offset + present.count) * columns), with: input)
        input = padded
      }
      let output = transform(Matrix(rows: rows, columns: columns, values: input))
      precondition(output.count % rows == 0, "AlignedRowBlocks.map: \(output.count) outputs for \(rows) rows")
      let width = output.count / rows, offset = present.lowerBound - block.lowerBound
      return output[(offset * width)..<((offset + present.count) * width)]
    }
    return Array(outputs.joined())
  }
}
