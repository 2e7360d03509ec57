// ssl-quality · Matrix.swift — dense row-major Float matrix over owned or borrowed memory.

#if canImport(Glibc)
  import Glibc
#endif

/// Memory that backs a ``Matrix``: either allocated here or adopted from elsewhere (for
/// example a memory-mapped file region), released exactly once when the last matrix that
/// uses it goes away.
public final class MatrixBuffer: @unchecked Sendable {
  let base: UnsafeMutableRawPointer
  /// Size of the region in bytes.
  public let byteCount: Int
  /// Whether the region must not be written (a read-only file mapping).
  public let isReadOnly: Bool
  private let release: @Sendable (UnsafeMutableRawPointer, Int) -> Void

  /// Allocates `byteCount` bytes aligned for SIMD loads, zero-filled.
  ///
  /// Large regions are anonymous mappings, zero by construction and backed by transparent
  /// huge pages where the kernel allows: no zeroing pass here, and the threads that first
  /// write them fault them in, 2 MB at a time, in parallel.
  public init(zeroedByteCount byteCount: Int) {
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
  public init(
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
  public func withBaseAddress<R>(_ body: (UnsafeMutableRawPointer) throws -> R) rethrows -> R {
    try body(base)
  }
}

/// A dense `rows × columns` matrix of `Float` in row-major (C) order.
///
/// A matrix either owns its elements or views a region it does not own, such as a
/// memory-mapped `.npy` file whose little-endian `float32` C-order data is used in place.
/// Copies share the buffer; mutation through ``withUnsafeMutableBufferPointer(_:)`` is
/// only for matrices this process allocated.
public struct Matrix: @unchecked Sendable {
  /// Number of rows (samples).
  public let rows: Int
  /// Number of columns (features).
  public let columns: Int
  let buffer: MatrixBuffer
  let byteOffset: Int

  /// A zero-filled matrix.
  public init(rows: Int, columns: Int) {
    precondition(rows >= 0 && columns >= 0, "negative matrix shape")
    self.rows = rows
    self.columns = columns
    buffer = MatrixBuffer(zeroedByteCount: rows * columns * MemoryLayout<Float>.stride)
    byteOffset = 0
  }

  /// A matrix holding `values` in row-major order.
  public init(rows: Int, columns: Int, values: [Float]) {
    precondition(values.count == rows * columns, "values do not fill \(rows)×\(columns)")
    self.init(rows: rows, columns: columns)
    withUnsafeMutableBufferPointer { target in
      _ = target.initialize(from: values)
    }
  }

  /// A matrix viewing `rows × columns` floats of `buffer`, starting `byteOffset` bytes in.
  public init(rows: Int, columns: Int, viewing buffer: MatrixBuffer, byteOffset: Int = 0) {
    precondition(rows >= 0 && columns >= 0, "negative matrix shape")
    precondition(byteOffset % MemoryLayout<Float>.alignment == 0, "misaligned matrix view")
    precondition(
      byteOffset >= 0 && byteOffset + rows * columns * MemoryLayout<Float>.stride <= buffer.byteCount,
      "matrix view exceeds its buffer")
    self.rows = rows
    self.columns = columns
    self.buffer = buffer
    self.byteOffset = byteOffset
  }

  /// Number of elements, `rows * columns`.
  public var count: Int { rows * columns }

  /// Element at row `row`, column `column`.
  public subscript(row: Int, column: Int) -> Float {
    get {
      precondition(row >= 0 && row < rows && column >= 0 && column < columns, "index out of range")
      return elements[row * columns + column]
    }
    nonmutating set {
      precondition(!buffer.isReadOnly, "matrix views a read-only file mapping")
      precondition(row >= 0 && row < rows && column >= 0 && column < columns, "index out of range")
      mutableElements[row * columns + column] = newValue
    }
  }

  /// The elements of row `row` as a new array.
  public func row(_ row: Int) -> [Float] {
    precondition(row >= 0 && row < rows, "row out of range")
    return Array(elements[(row * columns)..<((row + 1) * columns)])
  }

  /// Rows `range` as a matrix sharing this one's memory (no copy).
  public func rowRange(_ range: Range<Int>) -> Matrix {
    precondition(range.lowerBound >= 0 && range.upperBound <= rows, "row range out of bounds")
    return Matrix(
      rows: range.count, columns: columns, viewing: buffer, byteOffset: byteOffset + range.lowerBound * columns * MemoryLayout<Float>.stride)
  }

  /// All elements in row-major order as a new array.
  public var values: [Float] { Array(elements) }

  /// Calls `body` with the elements in row-major order.
  public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
    try body(elements)
  }

  /// Calls `body` with the elements in row-major order for writing.
  ///
  /// - Precondition: the matrix does not view a read-only region (a mapped file).
  public func withUnsafeMutableBufferPointer<R>(
    _ body: (UnsafeMutableBufferPointer<Float>) throws -> R
  ) rethrows -> R {
    precondition(!buffer.isReadOnly, "matrix views a read-only file mapping")
    return try body(mutableElements)
  }

  var elements: UnsafeBufferPointer<Float> { UnsafeBufferPointer(mutableElements) }

  var mutableElements: UnsafeMutableBufferPointer<Float> {
    UnsafeMutableBufferPointer(
      start: (buffer.base + byteOffset).assumingMemoryBound(to: Float.self), count: count)
  }
}

extension Matrix: Equatable {
  /// Matrices are equal when their shapes and elements are (NaN never equals).
  public static func == (lhs: Matrix, rhs: Matrix) -> Bool {
    lhs.rows == rhs.rows && lhs.columns == rhs.columns && lhs.elements.elementsEqual(rhs.elements)
  }
}
