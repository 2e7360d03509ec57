// ssl-quality · SpectrumPass.swift — one streamed pass gathering the Gram sums, then the spectral measures.

import Dispatch

extension SpectrumResult {
  /// Reads `source` once, in contiguous row segments on `threads` workers (blocks of about
  /// 1 MB), folds every block into a ``GramAccumulator`` state, merges the segments in row
  /// order and computes every measure. The result is bit-identical for any `threads`.
  ///
  /// - Parameter progress: called with the number of rows of each block done (any thread).
  public static func measure(
    _ source: some RowSource, alphaRange: ClosedRange<Int> = SpectralMeasures.defaultAlphaRange, threads: Int,
    progress: (@Sendable (Int) -> Void)? = nil
  ) throws -> (result: SpectrumResult, nonFiniteRows: Int) {
    let accumulator = GramAccumulator()
    let chunks = RowChunks(rows: source.rows, columns: source.columns)
    let segments = max(1, min(threads, chunks.count))
    let states = BlockResults<GramAccumulator.Partial>(count: segments)
    DispatchQueue.concurrentPerform(iterations: segments) { segment in
      let firstBlock = segment * chunks.count / segments, endBlock = (segment + 1) * chunks.count / segments
      let scratch = RowScratch()
      var state = accumulator.emptyPartial(startRow: chunks.range(firstBlock).lowerBound, columns: source.columns)
      for block in firstBlock..<endBlock {
        let rows = chunks.range(block)
        source.withRows(rows, scratch: scratch) { accumulator.accumulate(rows: $0, rowCount: rows.count, into: &state) }
        progress?(rows.count)
      }
      states[segment] = state
    }
    let parts = states.inOrder
    var merged = parts.first ?? accumulator.emptyPartial(startRow: 0, columns: source.columns)
    for part in parts.dropFirst() { merged.append(part) }
    return (try SpectrumResult(moments: merged.moments, alphaRange: alphaRange), merged.nonFiniteRows)
  }
}
