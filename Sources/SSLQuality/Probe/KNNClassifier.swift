// ssl-quality · KNNClassifier.swift — DINO's weighted k-nearest-neighbour classifier.

import Foundation

/// Weighted kNN on L2-normalised features, as DINO's `eval_knn.py`: the `k` most
/// cosine-similar train samples vote for their class with weight `exp(sim / T)`.
///
/// Neighbours of equal similarity are taken lower train index first; classes of equal vote
/// rank lower class index first. Similarities are computed by `sgemm` in blocks of test
/// rows × train rows, so memory stays bounded for a bank of millions of samples.
public struct KNNClassifier: Sendable {
  public var k = 20
  public var temperature = 0.07
  /// Rows of each similarity block (test × train). The product of a block is cut into
  /// bands of train rows (``ProductBlocks``), and every band packs the whole test block
  /// again, so wide train blocks (bands of 1024 rows) keep that repacking small; the
  /// similarity buffer is 64 MB.
  public var testBlock = 1024, trainBlock = 16384

  public init() {}

  /// Class vote weights (`N_test × K`, class index order) and the label encoding of
  /// `trainLabels`; reports ``ProgressEvent/queries(count:total:)`` per block of test rows.
  public func votes(train: Matrix, trainLabels: [Int], test: Matrix, context: ExecutionContext) -> (votes: Matrix, encoding: LabelEncoding) {
    precondition(train.columns == test.columns, "train and test differ in features")
    precondition(train.rows == trainLabels.count, "one label per train row")
    let encoding = LabelEncoding(trainLabels)
    guard case .success(let targets) = encoding.encode(trainLabels) else { preconditionFailure("labels encode themselves") }
    let bank = Self.normalized(train), queries = Self.normalized(test)
    let kk = min(k, train.rows), classes = encoding.count
    var votes = Matrix(rows: test.rows, columns: classes)
    let temperature = Float(self.temperature)
    // One similarity buffer for every (test block, train block) product: fresh memory per
    // product would be page-faulted (and zeroed) again each time.
    var scratch = Matrix(rows: min(testBlock, test.rows), columns: min(trainBlock, train.rows))
    for testStart in stride(from: 0, to: test.rows, by: testBlock) {
      let rows = min(testBlock, test.rows - testStart)
      let block = queries.rowRange(testStart..<(testStart + rows))
      // Per test row: the best kk (similarity, train index), sorted best first.
      let best = NeighbourLists(rows: rows, k: kk)
      for trainStart in stride(from: 0, to: train.rows, by: trainBlock) {
        let count = min(trainBlock, train.rows - trainStart)
        scratch.withMutableView { scratch in
          let similarity = scratch.prefix(rows: rows, columns: count)
          block.withView { q in
            bank.withView { b in
              context.blas { BLAS.gemm(q, b.rowRange(trainStart..<(trainStart + count)), transposeB: true, into: similarity) }
            }
          }
          let sims = similarity.readOnly
          _ = context.parallelMap(rows) { r in best.offer(row: r, of: sims, firstIndex: trainStart) }
        }
      }
      votes.withMutableElements { out in
        for r in 0..<rows {
          for (similarity, index) in best.list(r) {
            out[(testStart + r) * classes + Int(targets[index])] += exp(similarity / temperature)
          }
        }
      }
      context.report(.queries(count: rows, total: test.rows))
    }
    return (votes, encoding)
  }

  /// Rows scaled to unit L2 norm (an all-zero row stays zero).
  static func normalized(_ matrix: Matrix) -> Matrix {
    matrix.scalingRows(by: matrix.rowSquareSums().map { $0 > 0 ? Float(1 / $0.squareRoot()) : 0 })
  }
}
