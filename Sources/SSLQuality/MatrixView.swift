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

  init(rows: Int, columns: Int, elements: UnsafeBufferPointer<Float>) {
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

  /// All elements in row-major order.
  var elements: UnsafeBufferPointer<Float> { UnsafeBufferPointer(start: base, count: rows * columns) }
}
