// ssl-quality · OrderedResults.swift — result slots filled by parallel workers, read in order.

/// One slot per work item, written concurrently by the workers of
/// ``ExecutionContext/parallelMap(_:_:)`` and read after all of them have finished.
///
/// Invariant (why `@unchecked Sendable` holds): each slot is written by exactly one worker,
/// exactly once, and read only after `concurrentPerform` returned.
final class OrderedResults<Element>: @unchecked Sendable {
  private let slots: UnsafeMutableBufferPointer<Element?>

  init(count: Int) {
    slots = .allocate(capacity: count)
    slots.initialize(repeating: nil)
  }

  deinit {
    slots.deinitialize()
    slots.deallocate()
  }

  func set(_ index: Int, _ value: Element) { slots[index] = value }

  /// Every slot's value in index order.
  func inOrder() -> [Element] { slots.map { $0! } }
}
