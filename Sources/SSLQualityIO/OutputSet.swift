// ssl-quality · OutputSet.swift — every output file of a run, written all or nothing.

import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The output files of one run, all or nothing: every path is checked before any work
/// starts — against the others and against every input of the run —, contents are staged in
/// temporary files next to their targets, and the staged files are renamed into place only
/// by ``commit()``, once the whole run has succeeded. A run that fails (or an `OutputSet`
/// released without a commit) leaves no output, no temporary file and no folder it created;
/// outputs that existed before are untouched. Temporaries and new folders are also listed
/// in ``StagedPaths``, so SIGINT and SIGTERM remove them.
///
/// Renames within one directory are atomic; a set spanning several directories is renamed
/// one file at a time after every file is complete, so only a crash between two renames
/// could leave part of a set.
///
/// Invariant (why `@unchecked Sendable` holds): `paths` and `folders` are immutable after
/// `init`, and the mutable `staged` list and `committed` flag are only read or written
/// while holding `lock`.
public final class OutputSet: @unchecked Sendable {
  /// A staged file: its target, the temporary file holding its contents, its entry in the
  /// signal table, and for a file appended to over the run (``append(_:to:)``) its open handle.
  private struct Staged {
    var target: String
    var temporary: String
    var entry: StagedPaths.Entry?
    var handle: FileHandle?
  }

  private let lock = NSLock()
  private var staged: [Staged] = []
  private var committed = false
  private var folders: [OutputFolder] = []
  /// The checked outputs, by path, with the flag that named them.
  public let paths: [String: String]

  /// Checks every output before any work: each path non-empty, named once, not an input of
  /// the run, not an existing directory or special file, and in an existing directory this
  /// process may write to. The output folders (`--out DIR`) are created when missing and
  /// locked for the life of the set; the files a folder will hold are listed in `outputs`.
  ///
  /// An output is refused when it names an input (compared by device and inode when both
  /// exist, so symbolic and hard links are seen through, else by resolved path) or an
  /// existing file inside an input folder; an input argument `file.npz:key` counts as
  /// `file.npz`.
  ///
  /// - Parameters:
  ///   - outputs: `(flag, path)` pairs; `nil` paths (flags not given) are skipped.
  ///   - inputs: `(flag, path)` of every file or folder the run reads; `nil` skipped.
  ///   - folders: `(flag, path)` of the folders the outputs are written into, parents first.
  /// - Throws: ``InputError`` naming the path (and flags) of the first unusable output.
  public init(
    _ outputs: [(flag: String, path: String?)], inputs: [(flag: String, path: String?)] = [], folders: [(flag: String, path: String?)] = []
  ) throws {
    var seen: [String: String] = [:]
    for (flag, path) in outputs {
      guard let path else { continue }
      guard !path.isEmpty else { throw InputError(flag, "the output path is empty") }
      let canonical = URL(fileURLWithPath: path).standardizedFileURL.path
      if let other = seen[canonical] { throw InputError(path, "given to both \(other) and \(flag); each output needs its own file") }
      seen[canonical] = flag
    }
    for (flag, path) in folders {
      guard let path, let other = seen[URL(fileURLWithPath: path).standardizedFileURL.path] else { continue }
      throw InputError(path, "given to both \(other) and \(flag) (a folder); each output needs its own path")
    }
    paths = seen
    let read = inputs.compactMap { input in input.path.map { (flag: input.flag, identity: PathIdentity(ArrayFile.split($0).path)) } }
    for (flag, path) in outputs + folders {
      guard let path else { continue }
      let output = PathIdentity(path)
      if let input = read.first(where: { output.names($0.identity) }) {
        throw InputError(path, "\(flag) names the input given to \(input.flag); an output never overwrites an input, choose another path")
      }
      if output.file != nil, let input = read.first(where: { output.lies(inside: $0.identity) }) {
        throw InputError(path, "\(flag) names a file inside the folder given to \(input.flag), which the run may read; choose another path")
      }
    }
    // Files in an output folder are checked once the folders exist; the others before, so
    // creating a folder never makes another output's missing directory appear.
    let created = folders.compactMap { $0.path.map { URL(fileURLWithPath: $0).standardizedFileURL.path } }
    var inFolders: [(flag: String, path: String)] = []
    var elsewhere: [(flag: String, path: String)] = []
    for (flag, path) in outputs {
      guard let path else { continue }
      let parent = URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent().path
      if created.contains(where: { parent == $0 || parent.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }) {
        inFolders.append((flag, path))
      } else {
        elsewhere.append((flag, path))
      }
    }
    for (flag, path) in elsewhere { try Self.check(path, flag: flag) }
    do {
      for (flag, path) in folders {
        guard let path else { continue }
        guard !path.isEmpty else { throw InputError(flag, "the output folder path is empty") }
        self.folders.append(try OutputFolder(path, flag: flag))
      }
      for (flag, path) in inFolders { try Self.check(path, flag: flag) }
    } catch {
      for folder in self.folders.reversed() { folder.removeCreated() }
      throw error
    }
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
  ///   and a file past the size limit are reported as such).
  public func write(to path: String, _ body: (FileHandle) throws -> Void) throws {
    var (file, handle) = try create(path)
    do {
      try body(handle)
      try Self.close(handle)
    } catch {
      Self.discard(file)
      throw Self.problem(error, writing: path)
    }
    file.handle = nil
    lock.withLock { staged.append(file) }
  }

  /// Adds `bytes` to the end of the staged file for `path`, which is created (empty) on
  /// first use and stays open until ``commit()`` renames it into place: for a file written
  /// over the whole run, such as a log.
  ///
  /// - Throws: ``InputError`` naming `path` when the bytes cannot be written.
  public func append(_ bytes: some Collection<UInt8>, to path: String) throws {
    let open = lock.withLock { staged.first { $0.target == path && $0.handle != nil }?.handle }
    let handle: FileHandle
    if let open {
      handle = open
    } else {
      let (file, created) = try create(path)
      lock.withLock { staged.append(file) }
      handle = created
    }
    do {
      try handle.write(contentsOf: Data(bytes))
    } catch {
      throw Self.problem(error, writing: path)
    }
  }

  /// A new temporary file `.NAME.tmp-XXXXXX` next to `path`, registered for removal on a
  /// signal before it is created (so no signal can find it unlisted), then created with
  /// `O_EXCL` (another name is drawn when one exists).
  private func create(_ path: String) throws -> (Staged, FileHandle) {
    let url = URL(fileURLWithPath: path)
    let prefix = "\(url.deletingLastPathComponent().path)/.\(url.lastPathComponent).tmp-"
    let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
    for _ in 0..<100 {
      let temporary = prefix + String((0..<6).map { _ in letters[Int.random(in: 0..<letters.count)] })
      let entry = StagedPaths.registerFile(temporary)
      let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
      if fd >= 0 {
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        return (Staged(target: path, temporary: temporary, entry: entry, handle: handle), handle)
      }
      let code = errno
      StagedPaths.forget(entry)
      guard code == EEXIST else { throw InputError(path, "cannot write: \(FileCheck.describe(errno: code))") }
    }
    throw InputError(path, "cannot write: no free temporary file name next to it")
  }

  /// Flushes a finished temporary file to disk, makes it readable like a file `open` would
  /// create, and closes it.
  private static func close(_ handle: FileHandle) throws {
    try handle.synchronize()
    _ = fchmod(handle.fileDescriptor, 0o644)
    try handle.close()
  }

  /// Removes a staged temporary file.
  private static func discard(_ file: Staged) {
    try? file.handle?.close()
    unlink(file.temporary)
    StagedPaths.forget(file.entry)
  }

  /// A write error as an ``InputError`` naming `path`: a full disk (`ENOSPC`, `EDQUOT`) and
  /// a file past the size limit (`EFBIG`, SIGXFSZ being ignored) in plain words.
  private static func problem(_ error: Error, writing path: String) -> Error {
    if error is InputError { return error }
    let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
    switch posixCode(error) {
    case ENOSPC, EDQUOT: return InputError(path, "disk full while writing to \(directory)")
    case EFBIG: return InputError(path, "file too large: the write went past the file size limit (ulimit -f) or the file system's largest file")
    default: return InputError(path, "cannot write: \(error.localizedDescription)")
    }
  }

  /// The `errno` behind a Foundation write error, when there is one.
  private static func posixCode(_ error: Error) -> Int32? {
    let error = error as NSError
    if error.domain == NSPOSIXErrorDomain { return Int32(error.code) }
    if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain { return Int32(underlying.code) }
    return nil
  }

  /// Stages `path` in `outputs`, or, without a set, writes it alone as a set of one file
  /// (checked, staged and committed at once).
  public static func staging(_ path: String, in outputs: OutputSet?, _ body: (FileHandle) throws -> Void) throws {
    if let outputs { return try outputs.write(to: path, body) }
    let single = try OutputSet([("output", path)])
    try single.write(to: path, body)
    try single.commit()
  }

  /// Closes the files still open (``append(_:to:)``), then renames every staged file onto
  /// its target and keeps the folders the set created.
  ///
  /// - Throws: ``InputError`` naming the target that could not be written or renamed (the
  ///   remaining temporary files are removed).
  public func commit() throws {
    let files = lock.withLock { () -> [Staged] in
      committed = true
      defer { staged = [] }
      return staged
    }
    for file in files {
      do {
        if let handle = file.handle { try Self.close(handle) }
      } catch {
        for file in files { Self.discard(file) }
        throw Self.problem(error, writing: file.target)
      }
    }
    for (index, file) in files.enumerated() {
      guard rename(file.temporary, file.target) == 0 else {
        let problem = FileCheck.describe(errno: errno)
        for later in files[index...] { Self.discard(later) }
        throw InputError(file.target, "cannot write: \(problem)")
      }
      StagedPaths.forget(file.entry)
    }
    for folder in folders { folder.keep() }
  }

  deinit {
    for file in staged { Self.discard(file) }
    if !committed { for folder in folders.reversed() { folder.removeCreated() } }
  }
}
