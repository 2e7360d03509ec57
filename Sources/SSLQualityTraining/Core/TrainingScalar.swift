// ssl-quality · TrainingScalar.swift — the element types the training core runs in.

#if canImport(Glibc)
  import Glibc
#endif

/// An element type of the training core: `Float` for training (storage and products in
/// single precision), `Double` for finite-difference checks and for the `objective`
/// command's float64 gradients. Dense products go to the type's BLAS call (`sgemm` or
/// `dgemm`), transcendental functions to the C library.
public protocol TrainingScalar: BinaryFloatingPoint, Sendable, Codable where Stride == Self {
  /// `e^x`.
  static func exp(_ x: Self) -> Self
  /// Natural logarithm.
  static func log(_ x: Self) -> Self
  /// The error function.
  static func erf(_ x: Self) -> Self
  /// Cosine.
  static func cos(_ x: Self) -> Self
}

extension Float: TrainingScalar {
  @inline(__always) public static func exp(_ x: Float) -> Float { expf(x) }
  @inline(__always) public static func log(_ x: Float) -> Float { logf(x) }
  @inline(__always) public static func erf(_ x: Float) -> Float { erff(x) }
  @inline(__always) public static func cos(_ x: Float) -> Float { cosf(x) }
}

extension Double: TrainingScalar {
  @inline(__always) public static func exp(_ x: Double) -> Double { Glibc.exp(x) }
  @inline(__always) public static func log(_ x: Double) -> Double { Glibc.log(x) }
  @inline(__always) public static func erf(_ x: Double) -> Double { Glibc.erf(x) }
  @inline(__always) public static func cos(_ x: Double) -> Double { Glibc.cos(x) }
}
