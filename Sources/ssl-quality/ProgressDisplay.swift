// ssl-quality · ProgressDisplay.swift — the library's progress events as one line on stderr.

import Foundation
import SSLQuality
import SSLQualityAnalysis

/// Renders the library's ``ProgressEvent``s as one line on stderr, redrawn at most five
/// times a second; silent when stderr is not a terminal. Safe to call from worker threads.
///
/// Invariant (why `@unchecked Sendable` holds): `label` and `enabled` are immutable, and
/// every mutable property is only touched in `receive(_:)` while holding `lock`.
final class ProgressDisplay: @unchecked Sendable {
  private let label: String
  private let enabled: Bool
  /// Guards everything below (events arrive from worker threads).
  private let lock = NSLock()
  private var counted: [String: Int] = [:]
  private var lastDraw = Date.distantPast
  private var shown = false

  init(_ label: String, enabled: Bool = StandardError.isTerminal) {
    self.label = label
    self.enabled = enabled
  }

  /// The sink that feeds this display.
  var sink: ProgressSink { enabled ? ProgressSink { [self] in receive($0) } : .silent }

  private func receive(_ event: ProgressEvent) {
    lock.lock()
    defer { lock.unlock() }
    if case .finished = event {
      if shown { StandardError.write("\r\u{1B}[K") }
      shown = false
      counted = [:]
      return
    }
    guard let text = describe(event) else { return }
    let now = Date()
    guard now.timeIntervalSince(lastDraw) > 0.2 else { return }
    lastDraw = now
    shown = true
    StandardError.write("\r\(text)\u{1B}[K")
  }

  /// The line for `event` (accumulating counts of repeated events).
  private func describe(_ event: ProgressEvent) -> String? {
    func share(_ key: String, _ count: Int, _ total: Int) -> Int {
      let done = counted[key, default: 0] + count
      counted[key] = done
      return min(100, done * 100 / max(1, total))
    }
    switch event {
    case .rows(let source, let count, let total):
      return "\(label) \(source): \(share("rows " + source, count, total))%"
    case .optimizerIteration(let iteration, let objective, let gradient):
      return "\(label): L-BFGS iteration \(iteration): objective \(objective), max |gradient| \(gradient)"
    case .epoch(let epoch, let epochs, let loss):
      return "\(label): SGD epoch \(epoch)/\(epochs): loss \(loss)"
    case .queries(let count, let total):
      return "\(label): kNN: \(share("queries", count, total))% of \(total) test samples"
    case .probeFitted(let ranking, let kept, let features, let accuracy, let done, let total):
      return "[\(done)/\(total)] \(ranking): \(kept) of \(features) features → accuracy \(accuracy)"
    case .images(let count, let total):
      return "\(label): \(share("images", count, total))% of \(total) images"
    case .trainingStep(let run, let epoch, let epochs, let step, let steps, let loss, let regularizer):
      return "\(label) \(run): epoch \(epoch)/\(epochs) step \(step)/\(steps) loss \(Format.number(loss)) R \(Format.number(regularizer))"
    case .finished:
      return nil
    }
  }
}
