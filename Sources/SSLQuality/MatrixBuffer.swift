// ssl-quality · MatrixBuffer.swift — the memory behind matrices: allocated here, or a mapped file.

#if canImport(Glibc)
  import Glibc
#endif

/// Memory that backs a ``Matrix``: either allocated here or adopted from elsewhere (a
/// memory-mapped file region), released exactly once when the last matrix using it goes.
///
/// Invariant (why `@unchecked Sendable` holds): the memory is only written through a
/// ``Matrix`` that holds the buffer alone (copy on write), or by the code that created it
/// before sharing it; a read-only buffer is never written.
package final class MatrixBuffer: @unchecked Sendable {
  let base: UnsafeMutableRawPointer
  /// Size of the region in bytes.
  package let byteCount: Int
  /// Whether the region must not be written (a read-only file mapping).
  package let isReadOnly: Bool
  private let release: @Sendable (UnsafeMutableRawPointer, Int) -> Void

  /// Allocates `byteCount` bytes aligned for SIMD loads, zero-filled.
  ///
  /// Large regions are anonymous mappings, zero by construction and backed by transparent
  /// huge pages where the kernel allows: no zeroing pass here, and the threads that first
  /// write them fault them in, 2 MB at a time, in parallel.
  package init(zeroedByteCount byteCount: Int) {
    let size = max(byteCount, 1)
    self.byteCount = byteCount
    isReadOnly = false
    if size >= Self.mappedThreshold,
      let mapped = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), mapped != MAP_FAILED
    {
      _ = madvise(mapped, size, MADV_HUGEPAGE)
      base = mapped
      release = { pointer, count in _ = munmap(pointer, max(count, 1)) }
    } else {
      base = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 64)
      base.initializeMemory(as: UInt8.self, repeating: 0, count: size)
      release = { pointer, _ in pointer.deallocate() }
    }
  }

  /// Regions at least this large are anonymous mappings.
  static let mappedThreshold = 4 << 20

  /// Adopts a region owned elsewhere; `release` is called once, on deinitialisation.
  package init(
    adopting base: UnsafeMutableRawPointer, byteCount: Int, readOnly: Bool,
    release: @escaping @Sendable (UnsafeMutableRawPointer, Int) -> Void
  ) {
    self.base = base
    self.byteCount = byteCount
    isReadOnly = readOnly
    self.release = release
  }

  deinit { release(base, byteCount) }

  /// Calls `body` with the start of the region.
  package func withBaseAddress<R>(_ body: (UnsafeMutableRawPointer) throws -> R) rethrows -> R {
    try withExtendedLifetime(self) { try body(base) }
  }
}
