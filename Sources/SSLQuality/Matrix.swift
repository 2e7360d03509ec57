// ssl-quality · Matrix.swift — a dense row-major Float matrix with value semantics.

/// A dense `rows × columns` matrix of `Float` in row-major (C) order, with value
/// semantics: copies share their elements until one of them is mutated, which then copies
/// (copy on write, as the standard library's arrays do).
///
/// ```swift
/// var a = Matrix(rows: 2, columns: 2, values: [1, 2, 3, 4])
/// var b = a
/// b[0, 0] = 99   // copies; a[0, 0] is still 1
/// ```
///
/// A matrix may also hold a read-only region it does not own, such as a memory-mapped
/// `.npy` file whose little-endian `float32` C-order data is used in place; mutating such a
/// matrix copies it first. Blocks of rows read by a pass, and scratch buffers, are
/// ``MatrixView``s instead.
public struct Matrix: Sendable {
  /// Number of rows (samples).
  public let rows: Int
  /// Number of columns (features).
  public let columns: Int
  private var buffer: MatrixBuffer
  private let byteOffset: Int

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
    withUnsafeMutableBufferPointer { target in _ = target.initialize(from: values) }
  }

  /// A matrix over `rows × columns` floats of `buffer`, starting `byteOffset` bytes in (a
  /// mapped file, or the front of a reused buffer). Mutation copies first unless the
  /// buffer is writable and held by this matrix alone.
  package init(rows: Int, columns: Int, viewing buffer: MatrixBuffer, byteOffset: Int = 0) {
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

  /// The first `rows × columns` elements of `other`'s memory as a matrix of that shape
  /// (a reused scratch buffer holding a smaller result).
  package init(rows: Int, columns: Int, prefixOf other: Matrix) {
    self.init(rows: rows, columns: columns, viewing: other.buffer, byteOffset: other.byteOffset)
  }

  /// Number of elements, `rows * columns`.
  public var count: Int { rows * columns }

  /// Element at row `row`, column `column`.
  public subscript(row: Int, column: Int) -> Float {
    get {
      precondition(row >= 0 && row < rows && column >= 0 && column < columns, "index out of range")
      return elements[row * columns + column]
    }
    set {
      precondition(row >= 0 && row < rows && column >= 0 && column < columns, "index out of range")
      let index = row * columns + column
      withUnsafeMutableBufferPointer { $0[index] = newValue }
    }
  }

  /// The elements of row `row` as a new array.
  public func row(_ row: Int) -> [Float] {
    precondition(row >= 0 && row < rows, "row out of range")
    return Array(elements[(row * columns)..<((row + 1) * columns)])
  }

  /// Rows `range` as a matrix (sharing memory until either is mutated).
  public func rowRange(_ range: Range<Int>) -> Matrix {
    precondition(range.lowerBound >= 0 && range.upperBound <= rows, "row range out of bounds")
    return Matrix(
      rows: range.count, columns: columns, viewing: buffer, byteOffset: byteOffset + range.lowerBound * columns * MemoryLayout<Float>.stride)
  }

  /// All elements in row-major order as a new array.
  public var values: [Float] { Array(elements) }

  /// Calls `body` with the elements in row-major order.
  package func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
    try withExtendedLifetime(buffer) { try body(elements) }
  }

  /// Calls `body` with the elements in row-major order for writing, copying them first
  /// unless this matrix alone holds writable memory.
  package mutating func withUnsafeMutableBufferPointer<R>(_ body: (UnsafeMutableBufferPointer<Float>) throws -> R) rethrows -> R {
    if !isKnownUniquelyReferenced(&buffer) || buffer.isReadOnly {
      let copy = MatrixBuffer(zeroedByteCount: count * MemoryLayout<Float>.stride)
      if count > 0 { copy.base.copyMemory(from: buffer.base + byteOffset, byteCount: count * MemoryLayout<Float>.stride) }
      self = Matrix(rows: rows, columns: columns, viewing: copy)
    }
    return try withExtendedLifetime(buffer) {
      try body(UnsafeMutableBufferPointer(start: (buffer.base + byteOffset).assumingMemoryBound(to: Float.self), count: count))
    }
  }

  /// Calls `body` with the elements in row-major order as a bounds-checked span.
  package func withElements<R>(_ body: (Span<Float>) throws -> R) rethrows -> R {
    try withUnsafeBufferPointer { try body($0.span) }
  }

  /// Calls `body` with the elements in row-major order as a bounds-checked mutable span,
  /// copying them first as ``withUnsafeMutableBufferPointer(_:)`` does.
  package mutating func withMutableElements<R>(_ body: (inout MutableSpan<Float>) throws -> R) rethrows -> R {
    try withUnsafeMutableBufferPointer { buffer in
      var span = buffer.mutableSpan
      return try body(&span)
    }
  }

  /// A read-only view of the elements for `body` (BLAS operands, kernels).
  package func withView<R>(_ body: (MatrixView) throws -> R) rethrows -> R {
    try withUnsafeBufferPointer { try body(MatrixView(rows: rows, columns: columns, elements: $0)) }
  }

  /// A writable view of the elements for `body`, copying first as
  /// ``withUnsafeMutableBufferPointer(_:)`` does; disjoint rows may be written concurrently.
  package mutating func withMutableView<R>(_ body: (MutableMatrixView) throws -> R) rethrows -> R {
    let (rows, columns) = (self.rows, self.columns)
    return try withUnsafeMutableBufferPointer { try body(MutableMatrixView(rows: rows, columns: columns, elements: $0)) }
  }

  /// The elements, valid while this matrix (or a copy sharing its memory) lives.
  var elements: UnsafeBufferPointer<Float> {
    UnsafeBufferPointer(start: UnsafePointer((buffer.base + byteOffset).assumingMemoryBound(to: Float.self)), count: count)
  }
}

extension Matrix: Equatable {
  /// Matrices are equal when their shapes and elements are (NaN never equals).
  public static func == (lhs: Matrix, rhs: Matrix) -> Bool {
    lhs.rows == rhs.rows && lhs.columns == rhs.columns && lhs.elements.elementsEqual(rhs.elements)
  }
}
