// ssl-quality · NPYWriter.swift — .npy outputs that numpy.load reads as np.save wrote them.

import Foundation
import SSLQuality

/// Writes `.npy` files (format 1.0, little-endian, C order), staged in an ``OutputSet``
/// (they appear only when the whole run succeeds; without one, a set of this one file).
public enum NPYWriter {
  /// Writes `matrix` as a 2-D `<f4` array.
  public static func write(_ matrix: Matrix, to path: String, in outputs: OutputSet? = nil) throws {
    let layout = ArrayLayout(elementType: .float32, shape: [matrix.rows, matrix.columns])
    try OutputSet.staging(path, in: outputs) { handle in
      try handle.write(contentsOf: Data(NPYFormat.header(for: layout)))
      try matrix.withUnsafeBufferPointer { try handle.write(contentsOf: Data(buffer: $0)) }
    }
  }

  /// Writes `values` as an array of `<f4` with `shape` (1-D by default).
  public static func write(_ values: [Float], shape: [Int]? = nil, to path: String, in outputs: OutputSet? = nil) throws {
    try write(values, layout: ArrayLayout(elementType: .float32, shape: shape ?? [values.count]), to: path, in: outputs)
  }

  /// Writes `values` as an array of `<f8` with `shape` (1-D by default).
  public static func write(_ values: [Double], shape: [Int]? = nil, to path: String, in outputs: OutputSet? = nil) throws {
    try write(values, layout: ArrayLayout(elementType: .float64, shape: shape ?? [values.count]), to: path, in: outputs)
  }

  /// Writes `values` as an array of `<i8` with `shape` (1-D by default).
  public static func write(_ values: [Int], shape: [Int]? = nil, to path: String, in outputs: OutputSet? = nil) throws {
    try write(values.map { Int64($0) }, layout: ArrayLayout(elementType: .int64, shape: shape ?? [values.count]), to: path, in: outputs)
  }

  /// Writes a `rows × columns` `<f4` array whose rows `body` hands over block by block, in
  /// order, through the `emit` function it receives; the array is never held whole.
  ///
  /// - Throws: an error naming `path` if `body` emits a different number of values.
  package static func streamMatrix(
    rows: Int, columns: Int, to path: String, in outputs: OutputSet? = nil,
    _ body: (_ emit: (Span<Float>) throws -> Void) throws -> Void
  ) throws {
    let layout = ArrayLayout(elementType: .float32, shape: [rows, columns])
    try OutputSet.staging(path, in: outputs) { handle in
      try handle.write(contentsOf: Data(NPYFormat.header(for: layout)))
      var written = 0
      try body { block in
        written += block.count
        try block.withUnsafeBufferPointer { try handle.write(contentsOf: Data(buffer: $0)) }
      }
      guard written == rows * columns else {
        throw InputError(path, "wrote \(written) values, expected \(rows) × \(columns)")
      }
    }
  }

  private static func write<T>(_ values: [T], layout: ArrayLayout, to path: String, in outputs: OutputSet? = nil) throws {
    precondition(layout.elementCount == values.count, "shape does not match the number of values")
    try OutputSet.staging(path, in: outputs) { handle in
      try handle.write(contentsOf: Data(NPYFormat.header(for: layout)))
      try values.withUnsafeBufferPointer { try handle.write(contentsOf: Data(buffer: $0)) }
    }
  }
}
