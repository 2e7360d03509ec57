// ssl-quality · ExecutionContext.swift — how many threads a computation may use, and where its progress goes.

import CBLAS
import Dispatch

/// Where and how a computation runs: the number of worker threads and the sink for its
/// progress events. Every analysis takes one explicitly; nothing in the library picks a
/// thread count on its own.
///
/// Parallel work goes through ``parallelMap(_:_:)`` (or its per-worker-state variant),
/// which splits work into items whose results come back in item order. As long as the
/// items do not depend on the thread count, neither do the results: every analysis is
/// bit-identical for any `threads`.
///
/// The context also owns OpenBLAS's thread count (a process-wide setting): ``init(threads:progress:)``
/// does not touch it; ``blas(_:)`` runs a product with `threads` BLAS threads, and inside
/// ``parallelMap(_:_:)`` each worker's products run on one BLAS thread. A product OpenBLAS
/// runs on several threads may round differently from the same product on one thread (its
/// threaded driver splits the inner dimension differently, e.g. `sgemm` with an inner
/// dimension of 3000), so only work done in ``parallelMap(_:_:)`` items is bit-identical for
/// any `threads`; work inside ``blas(_:)`` is bit-identical for the same `threads`.
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
  /// Runs on `min(threads, count)` workers; worker `w` takes items `w, w + workers, …` in
  /// order, and with one worker everything runs on the calling thread. BLAS products made
  /// inside `body` run single-threaded.
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
    // Every item's products run on one BLAS thread, however many workers there are; the
    // setting before the call is restored after it.
    let previous = BLASThreads.current
    BLASThreads.set(1)
    defer { BLASThreads.set(previous) }
    if workers == 1 {
      var state = workerState()
      return (0..<count).map { body($0, &state) }
    }
    let results = OrderedResults<T>(count: count)
    // Each worker makes its own state and writes only its own result slots, so the
    // closures may run concurrently although their types do not say so.
    nonisolated(unsafe) let makeState = workerState, body = body
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
      var state = makeState()
      var index = worker
      while index < count {
        results.set(index, body(index, &state))
        index += workers
      }
    }
    return results.inOrder()
  }

  /// Stops OpenBLAS's idle helper threads, which spin for a while after the library loads
  /// (or after a multithreaded product) and take CPU from other work, and leaves OpenBLAS
  /// at one thread until a ``blas(_:)`` asks for more. A program calls this once at start.
  /// (OpenBLAS restarts its helper threads on any change of its thread count after they were
  /// stopped, and they then spin through the rest of a `--threads 1` run: 0.1 s of extra
  /// system time in a 0.28 s `score`. So the count is 1 before they stop, and
  /// `BLASThreads.set` leaves an unchanged count alone.)
  public static func stopIdleBLASThreads() {
    BLASThreads.set(1)
    BLASThreads.stopIdle()
  }

  /// Runs `body` (one or more BLAS products) with `threads` BLAS threads.
  public func blas<R>(_ body: () throws -> R) rethrows -> R {
    BLASThreads.set(threads)
    return try body()
  }
}

/// The one place that sets OpenBLAS's process-wide thread count.
enum BLASThreads {
  static func set(_ count: Int) {
    let count = max(1, count)
    if count != current { openblas_set_num_threads(Int32(count)) }
  }

  /// The thread count OpenBLAS uses now.
  static var current: Int { Int(openblas_get_num_threads()) }

  static func stopIdle() { sslq_blas_stop_idle_threads() }
}
