// ssl-quality · ExecutionContext.swift — how many threads a computation may use, and where its progress goes.

import CBLAS
import Dispatch
import Synchronization

/// Where and how a computation runs: the number of worker threads and the sink for its
/// progress events. Every analysis takes one explicitly; nothing in the library picks a
/// thread count on its own.
///
/// Parallel work goes through ``parallelMap(_:_:)`` (or its per-worker-state variant),
/// which splits work into items whose results come back in item order. As long as the
/// items do not depend on the thread count, neither do the results: every analysis is
/// bit-identical for any `threads`.
///
/// The context also decides where dense products run. OpenBLAS itself stays on one thread
/// for the whole process (``BLASThreads``): a product OpenBLAS runs on several threads may
/// round differently from the same product on one thread (its threaded driver splits the
/// inner sums differently, e.g. `sgemm` with an inner dimension of 3000). Instead every
/// ``BLAS`` product is cut into ``ProductBlocks`` fixed by its shape, each block one
/// single-threaded BLAS call, and inside ``blas(_:)`` the blocks are spread over this
/// context's workers by ``parallelMap(_:_:)``. So products, LAPACK calls and everything
/// built on them — training included — are bit-identical for any `threads`.
public struct ExecutionContext: Sendable {
  /// Worker threads, at least 1.
  public let threads: Int
  /// Receives the progress events of the computation (from any thread).
  public let progress: ProgressSink

  /// A context with `threads` workers (values below 1 count as 1).
  public init(threads: Int, progress: ProgressSink = .silent) {
    self.threads = max(1, threads)
    self.progress = progress
  }

  /// One thread, no progress: what tests and small helpers use.
  public static let serial = ExecutionContext(threads: 1)

  /// The same threads with another progress sink.
  public func reporting(to progress: ProgressSink) -> ExecutionContext {
    ExecutionContext(threads: threads, progress: progress)
  }

  /// Sends `event` to the progress sink.
  public func report(_ event: ProgressEvent) { progress.send(event) }

  /// `body(index)` for every index in `0..<count`, results in index order.
  ///
  /// Runs on `min(threads, count)` workers; each worker claims the next unclaimed item
  /// until none is left (so a worker that starts late or runs slow takes fewer items, and
  /// no worker idles while items remain), and with one worker everything runs on the
  /// calling thread in order. Which worker runs an item never changes its result. BLAS
  /// products made inside `body` run their blocks on the item's thread.
  ///
  /// - Complexity: `count` calls of `body`; O(count) memory for the results.
  public func parallelMap<T>(_ count: Int, _ body: @escaping (Int) -> T) -> [T] {
    parallelMap(count, workerState: { () }) { index, _ in body(index) }
  }

  /// ``parallelMap(_:_:)`` with a state value per worker (a scratch buffer), made once per
  /// worker by `workerState` and passed to each of that worker's items in turn.
  public func parallelMap<State, T>(
    _ count: Int, workerState: @escaping () -> State, _ body: @escaping (Int, inout State) -> T
  ) -> [T] {
    guard count > 0 else { return [] }
    let workers = min(threads, count)
    // Products inside an item run their blocks on the item's own thread.
    if workers == 1 {
      return Self.$productThreads.withValue(1) {
        var state = workerState()
        return (0..<count).map { body($0, &state) }
      }
    }
    let results = OrderedResults<T>(count: count)
    let next = Atomic<Int>(0)
    // Each worker makes its own state and writes only the slots of the items it claimed,
    // so the closures may run concurrently although their types do not say so.
    nonisolated(unsafe) let makeState = workerState, body = body
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
      Self.$productThreads.withValue(1) {
        var state = makeState()
        while true {
          let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
          guard index < count else { break }
          results.set(index, body(index, &state))
        }
      }
    }
    return results.inOrder()
  }

  /// Stops OpenBLAS's idle helper threads, which spin for a while after the library loads
  /// and take CPU from other work, and sets OpenBLAS to its one thread for good (a product
  /// would set it anyway). A program calls this once at start. (OpenBLAS restarts its helper
  /// threads on any later change of its thread count; there is none.)
  public static func stopIdleBLASThreads() {
    BLASThreads.useOne()
    BLASThreads.stopIdle()
  }

  /// Runs `body`, whose ``BLAS`` products spread their blocks over this context's threads
  /// (outside such a scope, and inside ``parallelMap(_:_:)`` items, they run on the calling
  /// thread). The blocks and so the bits are the same for any `threads`.
  public func blas<R>(_ body: () throws -> R) rethrows -> R {
    try Self.$productThreads.withValue(threads, operation: body)
  }

  /// `body` on consecutive chunks of `0..<count` (`chunk` indices each, the last one
  /// shorter), spread over the threads of the current ``blas(_:)`` scope as product blocks
  /// are (one thread outside such a scope). Meant for element-wise loops next to the
  /// products of a training step: each index belongs to exactly one chunk, so the result
  /// does not depend on the thread count.
  package static func forEachChunk(_ count: Int, chunk: Int = 1 << 15, _ body: @escaping (Range<Int>) -> Void) {
    let chunks = (count + chunk - 1) / max(chunk, 1)
    guard chunks > 1 else {
      if count > 0 { body(0..<count) }
      return
    }
    _ = productContext.parallelMap(chunks) { index in body(index * chunk..<min(count, (index + 1) * chunk)) }
  }

  /// Threads the products of the current scope may use: set by ``blas(_:)``, 1 elsewhere.
  @TaskLocal static var productThreads = 1

  /// The context the current scope's product blocks run on.
  static var productContext: ExecutionContext { ExecutionContext(threads: productThreads) }
}

/// The one place that sets OpenBLAS's process-wide thread count: to 1, once, before the
/// first BLAS or LAPACK call of the library. Nothing changes it afterwards, so concurrent
/// computations (tests, or analyses on several threads of one program) cannot race on it.
enum BLASThreads {
  private static let one: Void = openblas_set_num_threads(1)

  /// Makes sure OpenBLAS runs on one thread; call before any BLAS or LAPACK routine.
  static func useOne() { one }

  static func stopIdle() { sslq_blas_stop_idle_threads() }
}
