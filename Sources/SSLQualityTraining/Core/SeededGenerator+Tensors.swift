// ssl-quality · SeededGenerator+Tensors.swift — seeded random tensors for initialisation.

import SSLQuality

extension SeededGenerator {
  /// A tensor of `shape` with entries uniform in `[-bound, bound)`, drawn in row-major order.
  public mutating func uniformTensor<Scalar>(shape: [Int], bound: Double) -> Tensor<Scalar> {
    Tensor(shape: shape, scalars: (0..<shape.reduce(1, *)).map { _ in Scalar(uniform(-bound, bound)) })
  }

  /// A tensor of `shape` with standard normal entries (``normal()``) times `scale`, drawn in
  /// row-major order.
  public mutating func normalTensor<Scalar>(shape: [Int], scale: Double = 1) -> Tensor<Scalar> {
    Tensor(shape: shape, scalars: (0..<shape.reduce(1, *)).map { _ in Scalar(scale * normal()) })
  }
}
