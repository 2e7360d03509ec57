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
