// ssl-quality · MappedFile.swift — read-only memory maps of input files.

import Foundation
import SSLQuality

#if canImport(Glibc)
  import Glibc
#endif

/// An open file descriptor, closed when the last user goes away.
final class OpenFile: Sendable {
  let descriptor: Int32

  init(descriptor: Int32) { self.descriptor = descriptor }

  deinit { close(descriptor) }

  /// Reads exactly `count` bytes at `offset` into `target`; `false` on error or end of file.
  func read(into target: UnsafeMutableRawPointer, count: Int, offset: Int) -> Bool {
    var done = 0
    while done < count {
      let got = pread(descriptor, target + done, count - done, off_t(offset + done))
      if got < 0 && errno == EINTR { continue }
      guard got > 0 else { return false }
      done += got
    }
    return true
  }
}

/// A file mapped read-only, with its descriptor kept open for streaming reads.
struct MappedRegion {
  let buffer: MatrixBuffer
  let file: OpenFile
}

/// Read-only memory maps; pages are read on demand and can be dropped once consumed.
enum MappedFile {
  /// Maps the whole of the regular file at `path`.
  ///
  /// - Throws: ``InputError`` for a missing, unreadable, empty or non-regular file.
  static func map(_ path: String) throws -> MappedRegion {
    // O_NONBLOCK: opening a FIFO must not wait for a writer (it is then rejected below).
    let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    guard fd >= 0 else { throw InputError(path, FileCheck.describe(errno: errno)) }
    let file = OpenFile(descriptor: fd)
    return MappedRegion(buffer: try map(descriptor: fd, path: path), file: file)
  }

  /// The regular file at `path` as UTF-8 text (special files refused before reading).
  ///
  /// - Throws: ``InputError`` for a missing, empty, special or non-UTF-8 file.
  static func text(_ path: String) throws -> String {
    let buffer = try map(path).buffer
    guard let text = buffer.withBytes({ String(validating: $0, as: UTF8.self) }) else {
      throw InputError(path, "not UTF-8 text")
    }
    return text
  }

  /// The whole regular file at `path`, read into memory when it holds at most
  /// ``readLimit`` bytes and mapped otherwise: for a small file one read costs less than
  /// setting up, faulting in and tearing down a mapping, which adds up over thousands of
  /// small images.
  ///
  /// - Throws: ``InputError`` for a missing, unreadable, empty or non-regular file.
  static func contents(_ path: String) throws -> MatrixBuffer {
    let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    guard fd >= 0 else { throw InputError(path, FileCheck.describe(errno: errno)) }
    let file = OpenFile(descriptor: fd)
    let size = try regularFileSize(fd, path: path)
    guard size <= readLimit else { return try map(descriptor: fd, path: path) }
    let buffer = MatrixBuffer(zeroedByteCount: size)
    guard buffer.withBaseAddress({ file.read(into: $0, count: size, offset: 0) }) else {
      throw InputError(path, "cannot read: the file shrank while it was read")
    }
    return buffer
  }

  /// Files of at most this many bytes are read by ``contents(_:)`` rather than mapped.
  static let readLimit = 1 << 20

  /// Maps the whole file open on `fd`; `path` names it in errors.
  static func map(descriptor fd: Int32, path: String) throws -> MatrixBuffer {
    let size = try regularFileSize(fd, path: path)
    guard let base = mmap(nil, size, PROT_READ, MAP_SHARED, fd, 0), base != MAP_FAILED else {
      throw InputError(path, "cannot map: \(String(cString: strerror(errno)))")
    }
    let slot = TruncationGuard.watch(base, count: size, path: path)
    return MatrixBuffer(adopting: base, byteCount: size, readOnly: true) { pointer, count in
      munmap(pointer, count)
      if let slot { TruncationGuard.forget(slot) }
    }
  }

  /// The size of the file open on `fd`, which must be a non-empty regular file; `path`
  /// names it in errors.
  private static func regularFileSize(_ fd: Int32, path: String) throws -> Int {
    var info = stat()
    guard fstat(fd, &info) == 0 else {
      throw InputError(path, "cannot read: \(String(cString: strerror(errno)))")
    }
    if (info.st_mode & S_IFMT) == S_IFDIR { throw InputError(path, "is a directory, not a file") }
    guard (info.st_mode & S_IFMT) == S_IFREG else {
      throw InputError(path, "is \(FileCheck.kind(info.st_mode)), not a regular file")
    }
    let size = Int(info.st_size)
    guard size > 0 else { throw InputError(path, "file is empty") }
    return size
  }

  /// A file of `byteCount` bytes that `write` fills through the `append` function it is
  /// given, created in `$TMPDIR` (default `/tmp`), unlinked at once and mapped; it
  /// disappears when the mapping is released. Used for compressed archive members.
  ///
  /// - Throws: ``InputError`` naming `path` and the directory when the directory has less
  ///   than `byteCount` bytes free (checked before anything is written) or the disk fills
  ///   up while writing ("disk full").
  static func mapTemporary(
    path: String, byteCount: Int, _ write: (_ append: (Data) throws -> Void) throws -> Void
  ) throws -> MappedRegion {
    let directory = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    var space = statvfs()
    if statvfs(directory, &space) == 0 {
      let free = Int(space.f_bavail) &* Int(space.f_frsize)
      guard free >= byteCount else {
        throw InputError(
          path,
          "disk full: extracting needs \(byteCount) bytes but the temporary directory \(directory) has \(free) free (set TMPDIR to a directory with more space)")
      }
    }
    var template = Array("\(directory)/ssl-quality-XXXXXX".utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else {
      throw InputError(path, "cannot create a temporary file in \(directory): \(FileCheck.describe(errno: errno))")
    }
    template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
    let file = OpenFile(descriptor: fd)
    try write { chunk in
      try chunk.withUnsafeBytes { bytes in
        var done = 0
        while done < bytes.count {
          let wrote = Glibc.write(fd, bytes.baseAddress! + done, bytes.count - done)
          if wrote < 0 && errno == EINTR { continue }
          guard wrote > 0 else {
            let code = errno
            throw InputError(
              path,
              code == ENOSPC || code == EDQUOT
                ? "disk full while extracting to the temporary directory \(directory) (set TMPDIR to a directory with more space)"
                : "cannot write a temporary file in \(directory): \(FileCheck.describe(errno: code))")
          }
          done += wrote
        }
      }
    }
    return MappedRegion(buffer: try map(descriptor: fd, path: path), file: file)
  }

  /// Maps the pages of `range` of `buffer` in one call (`MADV_POPULATE_READ`), instead of
  /// one page fault per 4 kB page when a matrix used in place is first read. Best effort:
  /// kernels before 5.14 ignore it and fault as usual.
  static func populate(_ range: Range<Int>, of buffer: MatrixBuffer) {
    let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    let start = range.lowerBound / page * page
    guard range.upperBound > start else { return }
    buffer.withBaseAddress { base in
      _ = madvise(base + start, range.upperBound - start, 22)  // MADV_POPULATE_READ
    }
  }

  /// Tells the kernel the bytes `range` of `buffer` are no longer needed in this process
  /// (file-backed pages stay in the page cache; resident memory stays bounded).
  static func release(_ range: Range<Int>, of buffer: MatrixBuffer) {
    let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    let start = (range.lowerBound + page - 1) / page * page
    let end = range.upperBound / page * page
    guard end > start else { return }
    buffer.withBaseAddress { base in
      _ = madvise(base + start, end - start, MADV_DONTNEED)
    }
  }
}
