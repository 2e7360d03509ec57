// ssl-quality · AtomicFile.swift — one output written whole or not at all.

import Foundation

/// A single output, written as an ``OutputSet`` of one file: checked, staged in a
/// temporary file next to it, renamed into place. Commands with several outputs stage them
/// all in one set instead, so a failure leaves none of them.
public enum AtomicFile {
  /// Writes `bytes` to `path` atomically.
  public static func write(_ bytes: some Collection<UInt8>, to path: String) throws {
    try OutputSet.staging(path, in: nil) { try $0.write(contentsOf: Data(bytes)) }
  }

  /// Writes `text` as UTF-8 to `path` atomically.
  public static func write(_ text: String, to path: String) throws { try write(Array(text.utf8), to: path) }

  /// Lets `body` fill `path` atomically.
  public static func write(to path: String, _ body: (FileHandle) throws -> Void) throws {
    try OutputSet.staging(path, in: nil, body)
  }
}
