// ssl-quality · ExecutionContextTests.swift — the one parallel helper keeps item order.

import Synchronization
import Testing

@testable import SSLQuality

@Suite("Execution context")
struct ExecutionContextTests {
  @Test("parallelMap returns results in item order for any thread count", arguments: [1, 2, 5, 64])
  func order(threads: Int) {
    let context = ExecutionContext(threads: threads)
    #expect(context.parallelMap(37) { $0 * $0 } == (0..<37).map { $0 * $0 })
    #expect(context.parallelMap(0) { $0 }.isEmpty)
    // One state per worker, reused across that worker's items.
    let made = context.parallelMap(20, workerState: { [Int]() }) { index, seen -> Int in
      seen.append(index)
      return seen.count
    }
    #expect(made.reduce(0, +) >= 20)
  }

  @Test("forEachChunk visits every index exactly once, on the threads of the product scope", arguments: [1, 3])
  func chunks(threads: Int) {
    for count in [0, 1, 7, 100, 101] {
      let visits = Visits(count)
      ExecutionContext(threads: threads).blas {
        ExecutionContext.forEachChunk(count, chunk: 10) { range in
          visits.counts.withLock { for i in range { $0[i] += 1 } }
        }
      }
      #expect(visits.counts.withLock { $0 } == [Int](repeating: 1, count: count))
    }
  }

  @Test("progress events reach the sink")
  func progress() {
    let rows = Atomic<Int>(0)
    let context = ExecutionContext(threads: 2, progress: ProgressSink { event in
      if case .rows(_, let count, let total) = event, total == 1000 { rows.add(count, ordering: .relaxed) }
    })
    _ = MatrixStatistics.compute(Matrix(rows: 1000, columns: 64), context: context)
    #expect(rows.load(ordering: .relaxed) == 1000)
    #expect(ExecutionContext(threads: 0).threads == 1)
  }
}

/// How often each index was visited (shared by reference with the chunks' closures).
private final class Visits: Sendable {
  let counts: Mutex<[Int]>
  init(_ count: Int) { counts = Mutex([Int](repeating: 0, count: count)) }
}
