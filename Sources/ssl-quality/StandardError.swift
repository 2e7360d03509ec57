// ssl-quality · StandardError.swift — messages and progress on stderr.

import Foundation

/// Writes to standard error, and knows whether it is a terminal.
enum StandardError {
  static func write(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }

  /// Whether progress should be shown (stderr is a terminal).
  static var isTerminal: Bool { isatty(2) == 1 }
}

/// A one-line progress display on stderr, redrawn at most five times a second; silent
/// when stderr is not a terminal. Safe to call from worker threads.
final class ProgressLine: @unchecked Sendable {
  private let label: String
  private let total: Int
  private let enabled: Bool
  private let lock = NSLock()
  private var done = 0
  private var lastDraw = Date.distantPast

  init(_ label: String, total: Int, enabled: Bool = StandardError.isTerminal) {
    self.label = label
    self.total = max(1, total)
    self.enabled = enabled
  }

  /// Records `count` more units of work done.
  func advance(by count: Int) {
    guard enabled else { return }
    lock.lock()
    defer { lock.unlock() }
    done += count
    let now = Date()
    guard now.timeIntervalSince(lastDraw) > 0.2 || done >= total else { return }
    lastDraw = now
    StandardError.write("\r\(label): \(min(100, done * 100 / total))%\u{1B}[K")
  }

  /// Clears the line.
  func finish() {
    guard enabled else { return }
    StandardError.write("\r\u{1B}[K")
  }
}

/// A status line on stderr for long fits, redrawn at most five times a second; silent when
/// stderr is not a terminal.
final class StatusLine: @unchecked Sendable {
  private let enabled: Bool
  private var lastDraw = Date.distantPast

  init(enabled: Bool) { self.enabled = enabled }

  func show(_ text: String) {
    guard enabled, Date().timeIntervalSince(lastDraw) > 0.2 else { return }
    lastDraw = Date()
    StandardError.write("\r\(text)\u{1B}[K")
  }

  func finish() {
    if enabled { StandardError.write("\r\u{1B}[K") }
  }
}
