// ssl-quality · ResidualAdapter+Embeddings.swift — a trained adapter applied to embedding rows, in the fixed row blocks.

import SSLQuality
import SSLQualityTraining

extension ResidualAdapter where Scalar == Float {
  /// `h' = relu(h + fc2(relu(fc1(h))))` for the global rows `firstRow ..< firstRow +
  /// rows.rows` of an embedding matrix, held in `rows` (`rows.rows × D` floats out).
  ///
  /// This is the one application of a trained adapter: `finetune` writes its `train.npy` /
  /// `test.npy` with it and `adapt` streams through it. The products run in
  /// ``AlignedRowBlocks`` (fixed 256-row blocks keyed by global row index), so each row's
  /// bits depend on its own values alone: whatever rows are passed with it (`adapt
  /// --block-rows`), on any number of threads, on a given BLAS kernel.
  ///
  /// - Precondition: `rows` has `fc1.inputs` columns.
  package func adapted(_ rows: MatrixView, firstRow: Int) -> [Float] {
    precondition(rows.columns == fc1.inputs, "adapter takes \(fc1.inputs) features, rows have \(rows.columns)")
    return AlignedRowBlocks.map(rows, firstRow: firstRow) { block in
      forward(Tensor(rows: block.rows, columns: block.columns, scalars: block.values), training: false).output.scalars
    }
  }

  /// Every row of `matrix` adapted (``adapted(_:firstRow:)`` from row 0).
  public func adapted(_ matrix: Matrix) -> Matrix {
    Matrix(rows: matrix.rows, columns: matrix.columns, values: matrix.withView { adapted($0, firstRow: 0) })
  }
}
