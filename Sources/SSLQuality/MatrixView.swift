// ssl-quality · MatrixView.swift — a read-only window on row-major floats owned elsewhere.

/// A read-only, non-owning view of `rows × columns` `Float`s in row-major order: a block
/// of a memory-mapped file, a scratch buffer, or part of a ``Matrix``.
///
/// A view is only valid inside the call that handed it out (a ``RowAccumulator``'s
/// `accumulate`, a ``RowSource``'s `withRows`); it must not be stored or sent elsewhere.
public struct MatrixView {
  /// Number of rows and columns.
  public let rows: Int, columns: Int
  let base: UnsafePointer<Float>

  init(rows: Int, columns: Int, base: UnsafePointer<Float>) {
    self.rows = rows
    self.columns = columns
    self.base = base
  }

  package init(rows: Int, columns: Int, elements: UnsafeBufferPointer<Float>) {
    precondition(elements.count >= rows * columns, "view exceeds its buffer")
    self.init(rows: rows, columns: columns, base: elements.baseAddress ?? UnsafePointer(bitPattern: MemoryLayout<Float>.alignment)!)
  }

  /// Element at row `row`, column `column`.
  public subscript(row: Int, column: Int) -> Float {
    precondition(row >= 0 && row < rows && column >= 0 && column < columns, "index out of range")
    return base[row * columns + column]
  }

  /// The elements of row `row` as a new array.
  public func row(_ row: Int) -> [Float] {
    precondition(row >= 0 && row < rows, "row out of range")
    return Array(UnsafeBufferPointer(start: base + row * columns, count: columns))
  }

  /// The start of row `row` (for the kernels of this module).
  func rowStart(_ row: Int) -> UnsafePointer<Float> { base + row * columns }

  /// Rows `range` of this view.
  package func rowRange(_ range: Range<Int>) -> MatrixView {
    precondition(range.lowerBound >= 0 && range.upperBound <= rows, "row range out of bounds")
    return MatrixView(rows: range.count, columns: columns, base: base + range.lowerBound * columns)
  }

  /// All elements in row-major order.
  package var elements: UnsafeBufferPointer<Float> { UnsafeBufferPointer(start: base, count: rows * columns) }

  /// Calls `body` with the elements in row-major order as a bounds-checked span.
  package func withElements<R>(_ body: (Span<Float>) throws -> R) rethrows -> R {
    let buffer = elements
    return try body(buffer.span)
  }
}

/// A writable, non-owning view of `rows × columns` row-major floats: the rows a worker
/// writes (disjoint from every other worker's), or a scratch buffer. Valid only inside
/// the call that handed it out.
package struct MutableMatrixView {
  package let rows: Int, columns: Int
  let base: UnsafeMutablePointer<Float>

  init(rows: Int, columns: Int, elements: UnsafeMutableBufferPointer<Float>) {
    precondition(elements.count >= rows * columns, "view exceeds its buffer")
    self.rows = rows
    self.columns = columns
    base = elements.baseAddress ?? UnsafeMutablePointer(bitPattern: MemoryLayout<Float>.alignment)!
  }

  /// Rows `range` of this view.
  package func rowRange(_ range: Range<Int>) -> MutableMatrixView {
    precondition(range.lowerBound >= 0 && range.upperBound <= rows, "row range out of bounds")
    return MutableMatrixView(rows: range.count, columns: columns, elements: UnsafeMutableBufferPointer(start: base + range.lowerBound * columns, count: range.count * columns))
  }

  /// The first `rows × columns` elements as a view of that shape.
  package func prefix(rows: Int, columns: Int) -> MutableMatrixView {
    precondition(rows * columns <= self.rows * self.columns, "prefix exceeds the view")
    return MutableMatrixView(rows: rows, columns: columns, elements: elements)
  }

  /// The same elements, read-only.
  package var readOnly: MatrixView { MatrixView(rows: rows, columns: columns, base: UnsafePointer(base)) }

  /// All elements in row-major order.
  package var elements: UnsafeMutableBufferPointer<Float> { UnsafeMutableBufferPointer(start: base, count: rows * columns) }

  /// Calls `body` with the elements in row-major order as a bounds-checked mutable span
  /// (this view's rows only, so workers on disjoint views cannot overlap).
  package func withMutableElements<R>(_ body: (inout MutableSpan<Float>) throws -> R) rethrows -> R {
    let buffer = elements
    var span = buffer.mutableSpan
    return try body(&span)
  }
}

/// A view's elements in row-major order, positions `0 ..< rows · columns`.
extension MatrixView: RandomAccessCollection {
  public var startIndex: Int { 0 }
  public var endIndex: Int { rows * columns }

  /// Element `position` in row-major order (row `position / columns`).
  public subscript(position: Int) -> Float {
    precondition(position >= 0 && position < endIndex, "index out of range")
    return base[position]
  }

  /// All elements in row-major order as a new array.
  public var values: [Float] { Array(elements) }
}
