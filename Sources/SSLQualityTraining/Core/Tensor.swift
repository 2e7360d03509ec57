// ssl-quality · Tensor.swift — a value-semantic dense array with a shape, and its BLAS products.

import SSLQuality

/// A dense array of `Scalar` in row-major order with a shape, copied on write (it is an
/// `Array` underneath). The training core uses 1-D tensors for biases and BatchNorm
/// statistics and 2-D tensors (`rows × columns`) for batches and weights; a Linear
/// weight is `[out, in]` as in PyTorch.
public struct Tensor<Scalar: TrainingScalar>: Sendable, Equatable {
  /// Extent of each dimension.
  public private(set) var shape: [Int]
  /// Elements in row-major order; `scalars.count` is the product of `shape`.
  public var scalars: [Scalar]

  /// A tensor of `shape` holding `scalars`.
  ///
  /// - Precondition: `scalars.count` is the product of `shape`.
  public init(shape: [Int], scalars: [Scalar]) {
    precondition(shape.allSatisfy { $0 >= 0 }, "negative tensor shape")
    precondition(scalars.count == shape.reduce(1, *), "\(scalars.count) scalars do not fill shape \(shape)")
    self.shape = shape
    self.scalars = scalars
  }

  /// A tensor of `shape` filled with `value`.
  public init(shape: [Int], repeating value: Scalar = 0) {
    self.init(shape: shape, scalars: [Scalar](repeating: value, count: shape.reduce(1, *)))
  }

  /// A `rows × columns` tensor.
  public init(rows: Int, columns: Int, scalars: [Scalar]) {
    self.init(shape: [rows, columns], scalars: scalars)
  }

  /// A tensor of the same shape with each element converted from `other`.
  public init<Other: TrainingScalar>(_ other: Tensor<Other>) {
    self.init(shape: other.shape, scalars: other.scalars.map { Scalar($0) })
  }

  /// Number of elements.
  public var count: Int { scalars.count }
  /// Extent of the first dimension (1 for a scalar).
  public var rows: Int { shape.first ?? 1 }
  /// Elements per row: the product of every dimension after the first.
  public var columns: Int { shape.count <= 1 ? 1 : shape.dropFirst().reduce(1, *) }

  /// Element `(row, column)` of a 2-D tensor.
  public subscript(row: Int, column: Int) -> Scalar {
    get { scalars[row * columns + column] }
    set { scalars[row * columns + column] = newValue }
  }

  /// The same elements under another shape with as many elements.
  public func reshaped(_ newShape: [Int]) -> Tensor {
    Tensor(shape: newShape, scalars: scalars)
  }

  /// Whether every element is finite.
  public var isFinite: Bool { scalars.allSatisfy { $0.isFinite } }
}

extension Tensor {
  /// `op(self) · op(other)` through BLAS, for 2-D tensors (`op` transposes when asked).
  ///
  /// - Precondition: the inner dimensions agree.
  public func matmul(transposed: Bool = false, _ other: Tensor, otherTransposed: Bool = false) -> Tensor {
    let m = transposed ? columns : rows, k = transposed ? rows : columns
    let k2 = otherTransposed ? other.columns : other.rows, n = otherTransposed ? other.rows : other.columns
    precondition(k == k2, "matmul: inner dimensions \(k) and \(k2) differ")
    // With k > 0 every output element is written by BLAS (beta 0 ignores the old value),
    // so the buffer is not zeroed first.
    guard k > 0 else { return Tensor(shape: [m, n]) }
    let out = [Scalar](unsafeUninitializedCapacity: m * n) { c, initialized in
      scalars.withUnsafeBufferPointer { a in
        other.scalars.withUnsafeBufferPointer { b in
          BLAS.gemm(m: m, n: n, k: k, a, transposeA: transposed, b, transposeB: otherTransposed, into: c, alpha: 1, beta: 0)
        }
      }
      initialized = m * n
    }
    return Tensor(rows: m, columns: n, scalars: out)
  }

  /// `self += alpha · op(a) · op(b)` through BLAS (shapes as in ``matmul(transposed:_:otherTransposed:)``).
  public mutating func addProduct(_ a: Tensor, transposed: Bool = false, _ b: Tensor, otherTransposed: Bool = false, alpha: Scalar = 1) {
    let m = transposed ? a.columns : a.rows, k = transposed ? a.rows : a.columns
    let n = otherTransposed ? b.rows : b.columns
    precondition(count == m * n, "addProduct: output holds \(count) elements, expected \(m)×\(n)")
    a.scalars.withUnsafeBufferPointer { pa in
      b.scalars.withUnsafeBufferPointer { pb in
        scalars.withUnsafeMutableBufferPointer { pc in
          BLAS.gemm(m: m, n: n, k: k, pa, transposeA: transposed, pb, transposeB: otherTransposed, into: pc, alpha: alpha, beta: 1)
        }
      }
    }
  }
}
