// ssl-quality · StoredArray.swift — an n-dimensional array inside a file, read in place.

import SSLQuality

/// The container an array was read from.
public enum ArrayFormat: String, Sendable {
  case npy, npz, safetensors
  /// `torch.save`'s `.pt`/`.pth` files.
  case pytorch
}

/// Element type, byte order, shape and memory order of a stored array.
public struct ArrayLayout: Sendable, Equatable {
  public var elementType: ElementType
  public var bigEndian: Bool
  public var shape: [Int]
  public var fortranOrder: Bool

  public init(elementType: ElementType, bigEndian: Bool = false, shape: [Int], fortranOrder: Bool = false) {
    self.elementType = elementType
    self.bigEndian = elementType.size > 1 && bigEndian
    self.shape = shape
    self.fortranOrder = fortranOrder
  }

  /// numpy-style dtype, e.g. `<f4`.
  public var dtype: String { elementType.numpyDescription(bigEndian: bigEndian) }

  /// A layout read from a file, its shape arithmetic checked once, here: every extent is
  /// non-negative and the product of the extents, of every subset of them (the non-zero
  /// ones included, so a zero extent cannot hide an overflowing product) and the byte
  /// count fit an `Int`. Every later product of extents is then safe.
  ///
  /// - Throws: ``FormatProblem`` for a negative extent or a shape too large to address.
  init(checking elementType: ElementType, bigEndian: Bool = false, shape: [Int], fortranOrder: Bool = false) throws(FormatProblem) {
    if let negative = shape.first(where: { $0 < 0 }) { throw FormatProblem("shape has a negative entry (\(negative))") }
    var product = elementType.size
    for extent in shape where extent > 0 {
      let (next, overflow) = product.multipliedReportingOverflow(by: extent)
      guard !overflow else {
        throw FormatProblem("shape (\(shape.map(String.init).joined(separator: ", "))) is too large to address")
      }
      product = next
    }
    self.init(elementType: elementType, bigEndian: bigEndian, shape: shape, fortranOrder: fortranOrder)
  }

  /// Number of elements (safe for layouts made by ``init(checking:bigEndian:shape:fortranOrder:)``).
  var elementCount: Int { shape.reduce(1, *) }

  /// Bytes of data the shape implies.
  var dataByteCount: Int { elementCount * elementType.size }

  /// The shape as Python prints a tuple: `(100,)`, `(100, 3)`.
  public var shapeDescription: String {
    shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
  }

  /// Type and shape in words, e.g. `int64 shape (100,)`.
  public var summary: String { "\(elementType.rawValue) shape \(shapeDescription)" }
}

/// An array stored in a file, mapped rather than loaded: header facts are known at once and
/// data pages are read on demand.
public struct StoredArray: Sendable {
  /// How the array is named in messages: the path, with `:key` for archive members.
  public let name: String
  /// The container format.
  public let format: ArrayFormat
  /// Type, shape and order.
  public let layout: ArrayLayout
  /// Size of the file on disk in bytes.
  public let fileByteCount: Int
  let buffer: MatrixBuffer
  let dataOffset: Int
  /// The open file behind `buffer`, for streaming reads (`nil` for bytes held in memory).
  let file: OpenFile?

  init(
    name: String, format: ArrayFormat, layout: ArrayLayout, fileByteCount: Int, buffer: MatrixBuffer, dataOffset: Int,
    file: OpenFile? = nil
  ) {
    self.name = name
    self.format = format
    self.layout = layout
    self.fileByteCount = fileByteCount
    self.buffer = buffer
    self.dataOffset = dataOffset
    self.file = file
  }

  /// Number of elements.
  public var elementCount: Int { layout.elementCount }

  var converter: ElementConverter { ElementConverter(type: layout.elementType, bigEndian: layout.bigEndian) }

  func withData<R>(_ body: (UnsafeRawPointer) throws -> R) rethrows -> R {
    try buffer.withBaseAddress { try body(UnsafeRawPointer($0 + dataOffset)) }
  }

  /// The array as an embedding matrix, read in row blocks.
  ///
  /// - Throws: ``InputError`` unless the array is 2-D with at least one row and column.
  public func matrix() throws -> StoredMatrix {
    try ArrayExpectation.matrix.check(layout, name: name)
    return StoredMatrix(array: self, rows: layout.shape[0], columns: layout.shape[1])
  }

  /// Any array as a matrix: 1-D as one column, n-D as `shape[0]` rows of the remaining
  /// extents flattened (used for statistics of arrays of any rank).
  public func flattenedMatrix() -> StoredMatrix {
    let shape = layout.shape
    guard let first = shape.first else { return StoredMatrix(array: self, rows: 1, columns: 1) }
    return StoredMatrix(array: self, rows: first, columns: shape.count == 1 ? 1 : shape.dropFirst().reduce(1, *))
  }

  /// The array as integer labels (any integer or bool type, or floats holding whole numbers).
  ///
  /// - Throws: ``InputError`` unless the array is 1-D and every value is an integer.
  public func labels() throws -> [Int] {
    try ArrayExpectation.labels().check(layout, name: name)
    let converter = self.converter
    return try withData { data in
      try (0..<elementCount).map { index in
        guard let value = converter.integer(at: index, in: data) else {
          let text = converter.exactDescription(at: index, in: data)
          throw InputError(
            name,
            layout.elementType.isFloatingPoint
              ? "expected integer labels, found \(text) at index \(index)"
              : "label \(text) at index \(index) does not fit a 64-bit signed integer")
        }
        return value
      }
    }
  }

  /// Every element, in C order, as `Float`.
  public func floats() -> [Float] {
    [Float](unsafeUninitializedCapacity: elementCount) { target, initialized in
      if layout.fortranOrder && layout.shape.count > 1 {
        let position = fortranPositions
        withData { data in
          for index in 0..<elementCount { target[index] = Float(converter.double(at: position(index), in: data)) }
        }
      } else if elementCount > 0 {
        withData { converter.floats(from: $0, count: elementCount, into: target.baseAddress!) }
      }
      initialized = elementCount
    }
  }

  /// Every element, in C order, as `Double` (exact for floating-point types).
  public func doubles() -> [Double] {
    let position = layout.fortranOrder ? fortranPositions : { $0 }
    return withData { data in (0..<elementCount).map { converter.double(at: position($0), in: data) } }
  }

  /// Maps a C-order element position to its position in Fortran-ordered storage (strides
  /// computed once).
  private var fortranPositions: (Int) -> Int {
    let shape = layout.shape
    var strides = [Int](repeating: 0, count: shape.count), stride = 1
    for axis in shape.indices {
      strides[axis] = stride
      stride *= shape[axis]
    }
    return { index in
      var remainder = index, offset = 0
      for axis in shape.indices.reversed() {
        let extent = max(1, shape[axis])
        offset += (remainder % extent) * strides[axis]
        remainder /= extent
      }
      return offset
    }
  }
}

/// A 2-D stored array read as a matrix of `Float`, one block of rows at a time.
///
/// Blocks of a C-order array are read with `pread` into the caller's scratch buffer (and
/// converted there when the type is not little-endian `float32`): no page-table churn,
/// resident memory bounded by the scratch buffers, and a file truncated under us gives a
/// short read rather than a SIGBUS. Fortran-order arrays are gathered from the memory map,
/// whose pages are dropped once a block is done. ``load(context:)`` maps native data in
/// place instead.
public struct StoredMatrix: RowSource {
  /// The stored array.
  public let array: StoredArray
  public let rows: Int
  public let columns: Int

  /// Whether rows are used in place without conversion.
  var isNative: Bool {
    let layout = array.layout
    return layout.elementType == .float32 && !layout.bigEndian && !layout.fortranOrder
      && array.dataOffset % MemoryLayout<Float>.alignment == 0
  }

  public func withRows<R>(_ range: Range<Int>, scratch: RowScratch, _ body: (MatrixView) throws -> R) rethrows -> R {
    try withElements(range, scratch: scratch) { try body(MatrixView(rows: range.count, columns: columns, elements: $0)) }
  }

  /// Rows `range` as `range.count × columns` row-major floats: the mapped file itself when
  /// the data is native, otherwise read or converted into `scratch`.
  private func withElements<R>(
    _ range: Range<Int>, scratch: RowScratch, _ body: (UnsafeBufferPointer<Float>) throws -> R
  ) rethrows -> R {
    precondition(range.lowerBound >= 0 && range.upperBound <= rows, "row range out of bounds")
    let size = array.layout.elementType.size
    let count = range.count * columns
    guard count > 0 else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
    if let file = array.file, !array.layout.fortranOrder {
      // Streaming: copy the block out of the page cache (no page-table churn, resident
      // memory bounded by the scratch buffers), converting when the type is not native.
      let byteCount = count * size, offset = array.dataOffset + range.lowerBound * columns * size
      let target = scratch.floats(count: count)
      if array.layout.elementType == .float32 && !array.layout.bigEndian {
        if file.read(into: UnsafeMutableRawPointer(target.baseAddress!), count: byteCount, offset: offset) {
          return try body(UnsafeBufferPointer(target))
        }
      } else {
        let raw = scratch.bytes(count: byteCount)
        if file.read(into: raw, count: byteCount, offset: offset) {
          array.converter.floats(from: UnsafeRawPointer(raw), count: count, into: target.baseAddress!)
          return try body(UnsafeBufferPointer(target))
        }
      }
    }
    if isNative {
      let result = try array.withData { data in
        try body(UnsafeBufferPointer(start: (data + range.lowerBound * columns * 4).assumingMemoryBound(to: Float.self), count: count))
      }
      releasePages(range.lowerBound * columns * size..<range.upperBound * columns * size)
      return result
    }
    let target = scratch.floats(count: count)
    let converter = array.converter
    array.withData { data in
      if array.layout.fortranOrder {
        let storedColumn = fortranColumns
        for column in 0..<columns {
          converter.floats(
            from: data + (storedColumn(column) * rows + range.lowerBound) * size, count: range.count,
            into: target.baseAddress! + column, stride: columns)
        }
      } else {
        converter.floats(from: data + range.lowerBound * columns * size, count: count, into: target.baseAddress!)
      }
    }
    if array.layout.fortranOrder {
      for column in 0..<columns {
        let start = (column * rows + range.lowerBound) * size  // every stored column, in any order
        releasePages(start..<(start + range.count * size))
      }
    } else {
      releasePages(range.lowerBound * columns * size..<range.upperBound * columns * size)
    }
    return try body(UnsafeBufferPointer(target))
  }

  /// Where column `c` of the flattened matrix (the trailing axes `shape[1...]` in C order)
  /// is stored in a Fortran-order array: its index over the trailing axes in Fortran order,
  /// `Σ_k i_k · Π_{m<k} shape[1 + m]`. The identity for 2-D arrays.
  private var fortranColumns: (Int) -> Int {
    let trailing = Array(array.layout.shape.dropFirst())
    guard trailing.count > 1 else { return { $0 } }
    var strides = [Int](repeating: 1, count: trailing.count)
    for axis in trailing.indices.dropFirst() { strides[axis] = strides[axis - 1] * trailing[axis - 1] }
    return { [strides] column in
      var remainder = column, stored = 0
      for axis in trailing.indices.reversed() {
        stored += (remainder % trailing[axis]) * strides[axis]
        remainder /= trailing[axis]
      }
      return stored
    }
  }

  /// Rows `range` as a new array, read from the file straight into it when the data is
  /// little-endian `float32` in C order.
  public func copyRows(_ range: Range<Int>, scratch: RowScratch) -> [Float] {
    let layout = array.layout
    if let file = array.file, layout.elementType == .float32, !layout.bigEndian, !layout.fortranOrder {
      var complete = false
      let values = [Float](unsafeUninitializedCapacity: range.count * columns) { target, count in
        complete = file.read(
          into: UnsafeMutableRawPointer(target.baseAddress!), count: range.count * columns * 4,
          offset: array.dataOffset + range.lowerBound * columns * 4)
        count = complete ? range.count * columns : 0
      }
      if complete { return values }
    }
    return withElements(range, scratch: scratch) { Array($0) }
  }

  private func releasePages(_ dataRange: Range<Int>) {
    MappedFile.release(
      (array.dataOffset + dataRange.lowerBound)..<(array.dataOffset + dataRange.upperBound), of: array.buffer)
  }

  /// The whole matrix in memory: the mapped file itself when the data is native
  /// little-endian `float32` in C order, otherwise a converted copy.
  ///
  /// - Complexity: O(1) for native data, O(rows · columns) otherwise.
  public func load(context: ExecutionContext) -> Matrix {
    if isNative {
      MappedFile.populate((array.dataOffset)..<(array.dataOffset + rows * columns * 4), of: array.buffer)
      return Matrix(rows: rows, columns: columns, viewing: array.buffer, byteOffset: array.dataOffset)
    }
    var matrix = Matrix(rows: rows, columns: columns)
    let blockRows = max(1, (1 << 20) / (columns * MemoryLayout<Float>.stride))
    matrix.withUnsafeMutableBufferPointer { target in
      _ = context.parallelMap((rows + blockRows - 1) / blockRows, workerState: { RowScratch() }) { block, scratch in
        let range = (block * blockRows)..<min(rows, (block + 1) * blockRows)
        withElements(range, scratch: scratch) { elements in
          _ = UnsafeMutableBufferPointer(rebasing: target[(range.lowerBound * columns)..<(range.upperBound * columns)]).update(fromContentsOf: elements)
        }
      }
    }
    return matrix
  }
}

extension StoredArray {
  /// ``labels()`` checked to have one label per row of the matrix `matrixName`.
  ///
  /// - Throws: ``InputError`` naming this file when the lengths differ.
  public func labels(matchingRows rows: Int, of matrixName: String) throws -> [Int] {
    try ArrayExpectation.labels(rows: rows, of: matrixName).check(layout, name: name)
    return try labels()
  }
}
