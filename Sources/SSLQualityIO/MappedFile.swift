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
    let (file, size) = try FileCheck.openRegularFile(path)
    return MappedRegion(buffer: try map(descriptor: file.descriptor, byteCount: size, path: path), file: file)
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
    let (file, size) = try FileCheck.openRegularFile(path)
    guard size <= readLimit else { return try map(descriptor: file.descriptor, byteCount: size, path: path) }
    let buffer = MatrixBuffer(zeroedByteCount: size)
    guard buffer.withBaseAddress({ file.read(into: $0, count: size, offset: 0) }) else {
      throw InputError(path, "cannot read: the file shrank while it was read")
    }
    return buffer
  }

  /// Files of at most this many bytes are read by ``contents(_:)`` rather than mapped.
  static let readLimit = 1 << 20

  /// Maps the first `size` bytes of the file open on `fd`; `path` names it in errors.
  static func map(descriptor fd: Int32, byteCount size: Int, path: String) throws -> MatrixBuffer {
    guard let base = mmap(nil, size, PROT_READ, MAP_SHARED, fd, 0), base != MAP_FAILED else {
      throw InputError(path, "cannot map: \(String(cString: strerror(errno)))")
    }
    let slot = TruncationGuard.watch(base, count: size, path: path)
    return MatrixBuffer(adopting: base, byteCount: size, readOnly: true) { pointer, count in
      munmap(pointer, count)
      if let slot { TruncationGuard.forget(slot) }
    }
  }

  /// A file of `byteCount` bytes that `write` fills through the `append` function it is
  /// given, created in `$TMPDIR` (default `/tmp`), unlinked at once and mapped; it
  /// disappears when the mapping is released. Used for compressed archive members.
  ///
  /// The free space is checked when `write` first appends, not before: the caller reads
  /// (and refuses) a member's header from its first inflated bytes, and an archive whose
  /// claims are wrong is reported as such, never as a full disk.
  ///
  /// - Throws: ``InputError`` naming `path` and the directory when the directory has less
  ///   than `byteCount` bytes free (checked before the first byte is written) or the disk
  ///   fills up while writing ("disk full").
  static func mapTemporary(
    path: String, byteCount: Int, _ write: (_ append: (Data) throws -> Void) throws -> Void
  ) throws -> MappedRegion {
    let directory = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    var template = Array("\(directory)/ssl-quality-XXXXXX".utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else {
      throw InputError(path, "cannot create a temporary file in \(directory): \(FileCheck.describe(errno: errno))")
    }
    template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
    let file = OpenFile(descriptor: fd)
    var written = 0
    try write { chunk in
      if written == 0 { try requireSpace(byteCount, in: directory, for: path) }
      try chunk.withUnsafeBytes { bytes in
        guard let base = bytes.baseAddress else { return }
        var done = 0
        while done < bytes.count {
          let wrote = Glibc.write(fd, base + done, bytes.count - done)
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
        written += bytes.count
      }
    }
    guard written > 0 else { throw InputError(path, "file is empty") }
    return MappedRegion(buffer: try map(descriptor: fd, byteCount: written, path: path), file: file)
  }

  /// Throws "disk full" unless `directory` has `byteCount` bytes free (when it can be asked).
  private static func requireSpace(_ byteCount: Int, in directory: String, for path: String) throws {
    var space = statvfs()
    guard statvfs(directory, &space) == 0 else { return }
    let free = Int(space.f_bavail) &* Int(space.f_frsize)
    guard free >= byteCount else {
      throw InputError(
        path,
        "disk full: extracting needs \(byteCount) bytes but the temporary directory \(directory) has \(free) free (set TMPDIR to a directory with more space)")
    }
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
