// ssl-quality · SpectrumPass.swift — one streamed pass gathering the Gram sums, then the spectral measures.

extension GramAccumulator: RowAccumulator {
  /// The Gram sums need the values only.
  public var needsRowMoments: Bool { false }

  public func accumulate(_ block: RowBlock, into partial: inout Partial) {
    accumulate(rows: block.values, into: &partial)
  }
}

extension GramAccumulator.Partial: PartialState {}

extension SpectrumResult {
  /// Reads `source` once in a ``RowPass`` with a ``GramAccumulator`` and computes every
  /// measure; `name` names the source in progress events. The result is bit-identical for
  /// any thread count (the Gram state merges the same however the rows are split).
  public static func measure(
    _ source: some RowSource, alphaRange: ClosedRange<Int> = SpectralMeasures.defaultAlphaRange, name: String = "",
    context: ExecutionContext
  ) throws -> (result: SpectrumResult, nonFiniteRows: Int) {
    var pass = RowPass()
    let gram = pass.add(GramAccumulator())
    let merged = pass.run(source, name: name, context: context)[gram]
    return (try SpectrumResult(moments: merged.moments, alphaRange: alphaRange), merged.nonFiniteRows)
  }
}
