// ssl-quality · OutputSet.swift — every output file of a run, written all or nothing.

import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The output files of one run, all or nothing: every path is checked before any work
/// starts, contents are staged in temporary files next to their targets, and the staged
/// files are renamed into place only by ``commit()``, once the whole run has succeeded. A
/// run that fails (or an `OutputSet` released without a commit) leaves no output and no
/// temporary file behind; outputs that existed before are untouched.
///
/// Renames within one directory are atomic; a set spanning several directories is renamed
/// one file at a time after every file is complete, so only a crash between two renames
/// could leave part of a set.
///
/// Invariant (why `@unchecked Sendable` holds): `paths` is immutable, and the mutable
/// `staged` list and `committed` flag are only read or written while holding `lock`.
public final class OutputSet: @unchecked Sendable {
  /// A staged file: its target and the temporary file holding its contents.
  private struct Staged {
    var target: String
    var temporary: String
  }

  private let lock = NSLock()
  private var staged: [Staged] = []
  private var committed = false
  /// The checked outputs, by path, with the flag that named them.
  public let paths: [String: String]

  /// Checks every output before any work: each path non-empty, named once, not an
  /// existing directory or special file, and in an existing directory this process may
  /// write to.
  ///
  /// - Parameter outputs: `(flag, path)` pairs; `nil` paths (flags not given) are skipped.
  /// - Throws: ``InputError`` naming the path (and flag) of the first unusable output.
  public init(_ outputs: [(flag: String, path: String?)]) throws {
    var seen: [String: String] = [:]
    for (flag, path) in outputs {
      guard let path else { continue }
      guard !path.isEmpty else { throw InputError(flag, "the output path is empty") }
      let canonical = URL(fileURLWithPath: path).standardizedFileURL.path
      if let other = seen[canonical] { throw InputError(path, "given to both \(other) and \(flag); each output needs its own file") }
      seen[canonical] = flag
      try Self.check(path, flag: flag)
    }
    paths = seen
  }

  /// Throws unless `path` can be written as an output.
  private static func check(_ path: String, flag: String) throws {
    var info = stat()
    if stat(path, &info) == 0 {
      if info.st_mode & S_IFMT == S_IFDIR { throw InputError(path, "\(flag) names a directory; give a file path") }
      guard info.st_mode & S_IFMT == S_IFREG else {
        throw InputError(path, "\(flag) names \(FileCheck.kind(info.st_mode)); give a regular file path")
      }
    } else if errno == ELOOP {
      throw InputError(path, "symbolic link loop")
    }
    let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
    var parent = stat()
    guard stat(directory, &parent) == 0 else {
      throw InputError(path, "cannot write \(flag): the directory \(directory) \(errno == ENOENT ? "does not exist" : FileCheck.describe(errno: errno))")
    }
    guard parent.st_mode & S_IFMT == S_IFDIR else { throw InputError(path, "cannot write \(flag): \(directory) is not a directory") }
    guard access(directory, W_OK | X_OK) == 0 else {
      throw InputError(path, "cannot write \(flag): the directory \(directory) is not writable")
    }
  }

  /// Stages `text` as UTF-8 for `path`.
  public func write(_ text: String, to path: String) throws { try write(Array(text.utf8), to: path) }

  /// Stages `bytes` for `path`.
  public func write(_ bytes: some Collection<UInt8>, to path: String) throws {
    try write(to: path) { handle in try handle.write(contentsOf: Data(bytes)) }
  }

  /// Lets `body` fill a temporary file next to `path`; it replaces `path` at ``commit()``.
  ///
  /// - Throws: ``InputError`` naming `path` when the file cannot be written (a full disk
  ///   is reported as such).
  public func write(to path: String, _ body: (FileHandle) throws -> Void) throws {
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent().path
    var template = Array("\(directory)/.\(url.lastPathComponent).tmp-XXXXXX".utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else { throw InputError(path, "cannot write: \(FileCheck.describe(errno: errno))") }
    let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    do {
      try body(handle)
      try handle.synchronize()
      _ = fchmod(fd, 0o644)
      try handle.close()
    } catch {
      unlink(temporary)
      if error is InputError { throw error }
      let code = (error as NSError).code
      throw InputError(path, code == Int(ENOSPC) ? "disk full while writing to \(directory)" : "cannot write: \(error.localizedDescription)")
    }
    lock.withLock { staged.append(Staged(target: path, temporary: temporary)) }
  }

  /// Stages `path` in `outputs`, or, without a set, writes it alone as a set of one file
  /// (checked, staged and committed at once).
  public static func staging(_ path: String, in outputs: OutputSet?, _ body: (FileHandle) throws -> Void) throws {
    if let outputs { return try outputs.write(to: path, body) }
    let single = try OutputSet([("output", path)])
    try single.write(to: path, body)
    try single.commit()
  }

  /// Renames every staged file onto its target.
  ///
  /// - Throws: ``InputError`` naming the target that could not be renamed (the remaining
  ///   temporary files are removed).
  public func commit() throws {
    let files = lock.withLock { () -> [Staged] in
      committed = true
      return staged
    }
    for (index, file) in files.enumerated() where rename(file.temporary, file.target) != 0 {
      let problem = FileCheck.describe(errno: errno)
      for later in files[index...] { unlink(later.temporary) }
      lock.withLock { staged = [] }
      throw InputError(file.target, "cannot write: \(problem)")
    }
    lock.withLock { staged = [] }
  }

  deinit {
    for file in staged { unlink(file.temporary) }
  }
}
