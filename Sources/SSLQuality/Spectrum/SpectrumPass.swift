// ssl-quality · SpectrumPass.swift — one pass over the rows gathering the Gram sums of the smaller side, then the spectral measures.

extension SpectrumResult {
  /// Reads `source` once and computes every measure from the smaller side of its Gram
  /// matrix: with at least as many rows as columns, the `D × D` sums of a
  /// ``GramAccumulator/forColumns(_:)`` filled in row order, one chunk of rows at a time,
  /// each chunk's Gram update spread over `context`'s threads; with fewer rows than
  /// columns, the rows' `n × n` ``SampleGram``. `name` names the source in progress events.
  /// The result is bit-identical for any thread count (every sum is cut by the shape alone).
  ///
  /// Call ``memoryNeeded(rows:columns:)`` first to refuse a matrix whose Gram matrices do
  /// not fit.
  public static func measure(
    _ source: some RowSource, alphaRange: ClosedRange<Int> = SpectralMeasures.defaultAlphaRange, name: String = "",
    context: ExecutionContext
  ) throws -> (result: SpectrumResult, nonFiniteRows: Int) {
    let scratch = RowScratch()
    if source.rows < source.columns {
      let (sums, rows, nonFinite) = source.withRows(0..<source.rows, scratch: scratch) { values in
        let skipped = Set(values.nonFiniteRowIndices())
        let finite = (0..<values.rows).filter { !skipped.contains($0) }
        var sums = SecondMoments(columns: values.columns, gram: false)
        for row in finite { sums.add(rows: values.rowRange(row..<(row + 1))) }
        return (sums, context.blas { SampleGram(values, rows: finite) }, skipped.count)
      }
      context.report(.rows(source: name, count: source.rows, total: source.rows))
      return (try SpectrumResult(sums: sums, sampleGram: rows, alphaRange: alphaRange, context: context), nonFinite)
    }
    let accumulator = GramAccumulator.forColumns(source.columns)
    var partial = accumulator.emptyPartial(startRow: 0, columns: source.columns)
    context.blas {
      for start in stride(from: 0, to: source.rows, by: accumulator.chunkRows) {
        let end = min(source.rows, start + accumulator.chunkRows)
        source.withRows(start..<end, scratch: scratch) { accumulator.accumulate(rows: $0, into: &partial) }
        context.report(.rows(source: name, count: end - start, total: source.rows))
      }
    }
    let nonFinite = partial.nonFiniteRows
    return (try SpectrumResult(moments: partial.close(), alphaRange: alphaRange, context: context), nonFinite)
  }

  /// The bytes ``measure(_:alphaRange:name:context:)`` holds at most for an `rows × columns`
  /// matrix, besides the program itself: the larger of
  ///
  /// - the pass: with `rows ≥ columns`, ``GramAccumulator/forColumns(_:)``'s states, at most
  ///   `⌊log₂(leaves)⌋ + 1` sums of `8D²` bytes, plus one chunk of rows in `Float` and in
  ///   `Double`; with `rows < columns`, all rows in `Float` (`4nD`), one block of
  ///   ``SampleGram/blockColumns`` columns in `Double` and `K` (`8n²`);
  /// - the decompositions: the Gram matrix of the smaller side and its centred copy, `2 · 8s²`
  ///   with `s = min(rows, columns)`.
  ///
  /// A `Double`, so that no size overflows.
  public static func memoryNeeded(rows: Int, columns: Int) -> Double {
    let n = Double(rows), d = Double(columns)
    let side = min(n, d)
    let decompositions = 2 * 8 * side * side
    guard rows >= columns else {
      return max(4 * n * d + 8 * n * Double(SampleGram.blockColumns) + 8 * n * n, decompositions)
    }
    let accumulator = GramAccumulator.forColumns(columns)
    let leaves = (rows + accumulator.leafRows - 1) / accumulator.leafRows
    let sums = Double(leaves > 0 ? Int.bitWidth - leaves.leadingZeroBitCount : 1)
    return max(sums * 8 * d * d + 12 * Double(accumulator.chunkRows) * d, decompositions)
  }
}
