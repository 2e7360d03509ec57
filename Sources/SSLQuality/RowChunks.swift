// ssl-quality · RowChunks.swift — one parallel pass over a RowSource in fixed row blocks.

import Dispatch
import Foundation

/// A partition of a matrix's rows into fixed blocks, processed on several threads.
///
/// The partition depends only on the matrix shape, never on the thread count, so a
/// computation that keeps one partial result per block and merges them in block order is
/// bit-identical whatever the number of threads.
public struct RowChunks: Sendable {
  /// Rows per block (the last block may be shorter).
  public let chunkRows: Int
  /// Number of rows partitioned.
  public let rows: Int

  /// Blocks of about `targetBytes` of float32 rows (at least one row each).
  public init(rows: Int, columns: Int, targetBytes: Int = 1 << 20) {
    self.rows = rows
    chunkRows = max(1, targetBytes / max(1, columns * MemoryLayout<Float>.stride))
  }

  /// Number of blocks.
  public var count: Int { (rows + chunkRows - 1) / chunkRows }

  /// Rows of block `index`.
  public func range(_ index: Int) -> Range<Int> {
    (index * chunkRows)..<min(rows, (index + 1) * chunkRows)
  }

  /// Calls `body(block, rows, elements, worker)` once per block of `source`, on `threads`
  /// workers; worker `w` takes blocks `w, w + threads, …` in order.
  public func forEach(
    _ source: some RowSource, threads: Int,
    _ body: @Sendable (_ block: Int, _ rows: Range<Int>, _ elements: UnsafeBufferPointer<Float>, _ worker: Int) -> Void
  ) {
    let workers = max(1, min(threads, count))
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
      let scratch = RowScratch()
      var block = worker
      while block < count {
        let rowRange = range(block)
        source.withRows(rowRange, scratch: scratch) { body(block, rowRange, $0, worker) }
        block += workers
      }
    }
  }
}

/// Thread counts: the `--threads` flag's default and its bounds.
public enum Parallelism {
  /// Number of cores available to this process.
  public static var availableCores: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

  /// `requested` when given and positive, otherwise every available core.
  public static func threads(_ requested: Int?) -> Int {
    guard let requested, requested > 0 else { return availableCores }
    return requested
  }
}

/// One slot per block, written concurrently by the workers of ``RowChunks/forEach(_:threads:_:)``
/// (each block by exactly one worker) and read after the pass in block order.
public final class BlockResults<Element>: @unchecked Sendable {
  private let slots: UnsafeMutableBufferPointer<Element?>

  /// `count` empty slots.
  public init(count: Int) {
    slots = .allocate(capacity: count)
    slots.initialize(repeating: nil)
  }

  deinit {
    slots.deinitialize()
    slots.deallocate()
  }

  /// The result of block `index`; set it from the one worker that handles that block.
  public subscript(index: Int) -> Element? {
    get { slots[index] }
    set { slots[index] = newValue }
  }

  /// The filled slots in block order.
  public var inOrder: [Element] { slots.compactMap { $0 } }
}

/// A pointer handed to worker threads that write disjoint parts of its memory.
public struct SendablePointer<Element>: @unchecked Sendable {
  public let base: UnsafeMutablePointer<Element>

  public init(base: UnsafeMutablePointer<Element>) { self.base = base }
}
