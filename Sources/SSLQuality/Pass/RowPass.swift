// ssl-quality · RowPass.swift — one streamed pass over a matrix's rows, feeding a list of accumulators.

/// Reads a matrix once, in blocks of consecutive rows, and feeds every block to each of its
/// accumulators.
///
/// ```swift
/// var pass = RowPass()
/// let rows = pass.add(RowStatistics())
/// let counts = pass.add(ActivationCounts(epsilon: 4))
/// let result = pass.run(matrix, context: context)
/// result[rows].mean      // μ_i of every row
/// result[counts].counts  // |{ i : j ∈ L_i }| per feature
/// ```
///
/// The rows are cut into contiguous segments, one work item each on the context's
/// workers, and every segment is read block by block (blocks of about ``blockBytes``, so a
/// block stays in cache while all accumulators visit it). Each segment's partial states are
/// merged in row order. Merging is exact (see ``PartialState``), so the result does not
/// depend on the thread count, the segments, or the blocks. Progress: one
/// ``ProgressEvent/rows(source:count:total:)`` per block.
public struct RowPass: Sendable {
  /// A typed handle on an accumulator added to a pass; reads its merged state from the result.
  public struct Slot<Accumulator: RowAccumulator>: Sendable {
    let index: Int
  }

  private var accumulators: [ErasedAccumulator] = []
  /// Target bytes of one block of rows (at least one row).
  public var blockBytes = 1 << 20

  public init() {}

  /// Adds `accumulator`; the returned slot reads its state from the pass's result.
  public mutating func add<A: RowAccumulator>(_ accumulator: A) -> Slot<A> {
    accumulators.append(ErasedAccumulator(accumulator))
    return Slot(index: accumulators.count - 1)
  }

  /// Reads rows `rows` (default: all) of `source` once; `name` names the source in progress events.
  ///
  /// - Complexity: O(rows · columns) plus what the accumulators do; memory for one block
  ///   per worker besides the partial states.
  public func run(_ source: some RowSource, rows: Range<Int>? = nil, name: String = "", context: ExecutionContext) -> RowPassResult {
    let range = rows ?? 0..<source.rows
    precondition(range.lowerBound >= 0 && range.upperBound <= source.rows, "row range out of bounds")
    let columns = source.columns
    let blockRows = max(1, blockBytes / max(1, columns * MemoryLayout<Float>.stride))
    let blocks = (range.count + blockRows - 1) / blockRows
    // Many segments per worker, claimed one at a time, keep the workers busy to the end
    // (the last segment is at most 1/16 of a worker's share); the split does not change
    // the result.
    let segmentCount = max(1, min(blocks, 16 * context.threads))
    let needsMoments = accumulators.contains { $0.needsRowMoments }
    let needsSpread = accumulators.contains { $0.needsRowMoments && $0.needsRowSpread }
    let needsExtremes = accumulators.contains { $0.needsRowMoments && $0.needsRowExtremes }
    let accumulators = self.accumulators, total = source.rows
    let segments = context.parallelMap(segmentCount, workerState: { RowScratch() }) { segment, scratch -> [any PartialBox] in
      let firstBlock = segment * blocks / segmentCount, endBlock = (segment + 1) * blocks / segmentCount
      let start = range.lowerBound + firstBlock * blockRows
      let end = min(range.upperBound, range.lowerBound + endBlock * blockRows)
      let states = accumulators.map { $0.makeEmpty(start, columns) }
      var moments: [RowMoments] = []
      var blockStart = start
      while blockStart < end {
        let blockEnd = min(end, blockStart + blockRows)
        source.withRows(blockStart..<blockEnd, scratch: scratch) { values in
          if needsMoments { RowMoments.measure(values, into: &moments, spread: needsSpread, extremes: needsExtremes) }
          let block = RowBlock(startRow: blockStart, values: values, moments: moments)
          for state in states { state.accumulate(block) }
        }
        context.report(.rows(source: name, count: blockEnd - blockStart, total: total))
        blockStart = blockEnd
      }
      return states
    }
    let merged = segments[0]
    for segment in segments.dropFirst() {
      for (state, next) in zip(merged, segment) { state.append(next) }
    }
    return RowPassResult(states: merged.map(\.erased))
  }
}

/// The merged states of a pass's accumulators.
public struct RowPassResult: Sendable {
  let states: [any PartialState]

  /// The state of the accumulator behind `slot`.
  public subscript<A: RowAccumulator>(slot: RowPass.Slot<A>) -> A.Partial {
    guard let state = states[slot.index] as? A.Partial else { preconditionFailure("slot of another pass") }
    return state
  }
}

/// An accumulator with its type erased: makes the boxes that hold its states.
private struct ErasedAccumulator: Sendable {
  let needsRowMoments: Bool, needsRowSpread: Bool, needsRowExtremes: Bool
  let makeEmpty: @Sendable (_ startRow: Int, _ columns: Int) -> any PartialBox

  init<A: RowAccumulator>(_ accumulator: A) {
    needsRowMoments = accumulator.needsRowMoments
    needsRowSpread = accumulator.needsRowSpread
    needsRowExtremes = accumulator.needsRowExtremes
    makeEmpty = { TypedPartialBox(accumulator, accumulator.emptyPartial(startRow: $0, columns: $1)) }
  }
}

/// A partial state in a box, so states of different types sit in one list and are
/// updated in place.
private protocol PartialBox: AnyObject, Sendable {
  func accumulate(_ block: RowBlock)
  func append(_ next: any PartialBox)
  var erased: any PartialState { get }
}

/// Invariant (why `@unchecked Sendable` holds): a box is used by the one worker that made
/// it until its segment is done, and afterwards only by the merging thread.
private final class TypedPartialBox<A: RowAccumulator>: PartialBox, @unchecked Sendable {
  let accumulator: A
  var state: A.Partial

  init(_ accumulator: A, _ state: A.Partial) {
    self.accumulator = accumulator
    self.state = state
  }

  func accumulate(_ block: RowBlock) { accumulator.accumulate(block, into: &state) }

  func append(_ next: any PartialBox) {
    guard let next = next as? TypedPartialBox<A> else { preconditionFailure("states of different accumulators") }
    state.append(next.state)
  }

  var erased: any PartialState { state }
}
