// ssl-quality · AtomicFile.swift — outputs that appear whole or not at all.

import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Writes outputs through a temporary file in the target directory that is renamed over
/// the target only once complete, so a failure never leaves a half-written file.
public enum AtomicFile {
  /// Writes `bytes` to `path` atomically.
  ///
  /// - Throws: ``InputError`` naming `path` when the directory is missing or not writable.
  public static func write(_ bytes: some Collection<UInt8>, to path: String) throws {
    try write(to: path) { handle in try handle.write(contentsOf: Data(bytes)) }
  }

  /// Writes `text` as UTF-8 to `path` atomically.
  public static func write(_ text: String, to path: String) throws {
    try write(Array(text.utf8), to: path)
  }

  /// Lets `body` fill a temporary file next to `path`, then renames it to `path`. If
  /// `body` throws, the temporary file is removed and `path` is left as it was.
  public static func write(to path: String, _ body: (FileHandle) throws -> Void) throws {
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent().path
    var template = Array("\(directory)/.\(url.lastPathComponent).tmp-XXXXXX".utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else { throw InputError(path, "cannot write: \(String(cString: strerror(errno)))") }
    let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    do {
      try body(handle)
      try handle.synchronize()
      _ = fchmod(fd, 0o644)
      try handle.close()
      guard rename(temporary, path) == 0 else {
        throw InputError(path, "cannot write: \(String(cString: strerror(errno)))")
      }
    } catch {
      unlink(temporary)
      if error is InputError { throw error }
      throw InputError(path, "cannot write: \(error.localizedDescription)")
    }
  }
}
