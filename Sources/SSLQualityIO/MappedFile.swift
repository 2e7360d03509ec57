// ssl-quality · MappedFile.swift — read-only memory maps of input files.

import Foundation
import SSLQuality

#if canImport(Glibc)
  import Glibc
#endif

/// Read-only memory maps; pages are read on demand and can be dropped once consumed.
enum MappedFile {
  /// Maps the whole of the regular file at `path`.
  ///
  /// - Throws: ``InputError`` for a missing, unreadable, empty or non-regular file.
  static func map(_ path: String) throws -> MatrixBuffer {
    // O_NONBLOCK: opening a FIFO must not wait for a writer (it is then rejected below).
    let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    guard fd >= 0 else { throw InputError(path, "cannot open: \(String(cString: strerror(errno)))") }
    defer { close(fd) }
    return try map(descriptor: fd, path: path)
  }

  /// Maps the whole file open on `fd`; `path` names it in errors.
  static func map(descriptor fd: Int32, path: String) throws -> MatrixBuffer {
    var info = stat()
    guard fstat(fd, &info) == 0 else {
      throw InputError(path, "cannot read: \(String(cString: strerror(errno)))")
    }
    if (info.st_mode & S_IFMT) == S_IFDIR { throw InputError(path, "is a directory, not a file") }
    guard (info.st_mode & S_IFMT) == S_IFREG else { throw InputError(path, "is not a regular file") }
    let size = Int(info.st_size)
    guard size > 0 else { throw InputError(path, "file is empty") }
    guard let base = mmap(nil, size, PROT_READ, MAP_SHARED, fd, 0), base != MAP_FAILED else {
      throw InputError(path, "cannot map: \(String(cString: strerror(errno)))")
    }
    return MatrixBuffer(adopting: base, byteCount: size, readOnly: true) { pointer, count in
      munmap(pointer, count)
    }
  }

  /// A file that holds `write`'s output, unlinked at once and mapped; it disappears when
  /// the mapping is released. Used for compressed archive members.
  static func mapTemporary(path: String, _ write: (FileHandle) throws -> Void) throws -> MatrixBuffer {
    let directory = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
    var template = Array("\(directory)/ssl-quality-XXXXXX".utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else {
      throw InputError(path, "cannot create a temporary file in \(directory): \(String(cString: strerror(errno)))")
    }
    template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
    let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    try write(handle)
    return try map(descriptor: fd, path: path)
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
