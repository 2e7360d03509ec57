// ssl-quality · TrainingScalar.swift — the element types the training core runs in.

#if canImport(Glibc)
  import Glibc
#endif
import SSLQuality

/// An element type of the training core: `Float` for training (storage and products in
/// single precision), `Double` for finite-difference checks and for the `objective`
/// command's float64 gradients. Each type routes its dense products to its own BLAS call
/// and its transcendental functions to the C library.
public protocol TrainingScalar: BinaryFloatingPoint, Sendable, Codable where Stride == Self {
  /// `C = alpha · op(A) · op(B) + beta · C` on packed row-major buffers (`op(A)` is `m × k`).
  static func gemm(
    m: Int, n: Int, k: Int, _ a: UnsafeBufferPointer<Self>, transposeA: Bool, _ b: UnsafeBufferPointer<Self>,
    transposeB: Bool, into c: UnsafeMutableBufferPointer<Self>, alpha: Self, beta: Self)
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
  public static func gemm(
    m: Int, n: Int, k: Int, _ a: UnsafeBufferPointer<Float>, transposeA: Bool, _ b: UnsafeBufferPointer<Float>,
    transposeB: Bool, into c: UnsafeMutableBufferPointer<Float>, alpha: Float, beta: Float
  ) {
    BLAS.gemm(m: m, n: n, k: k, a, transposeA: transposeA, b, transposeB: transposeB, into: c, alpha: alpha, beta: beta)
  }
  @inline(__always) public static func exp(_ x: Float) -> Float { expf(x) }
  @inline(__always) public static func log(_ x: Float) -> Float { logf(x) }
  @inline(__always) public static func erf(_ x: Float) -> Float { erff(x) }
  @inline(__always) public static func cos(_ x: Float) -> Float { cosf(x) }
}

extension Double: TrainingScalar {
  public static func gemm(
    m: Int, n: Int, k: Int, _ a: UnsafeBufferPointer<Double>, transposeA: Bool, _ b: UnsafeBufferPointer<Double>,
    transposeB: Bool, into c: UnsafeMutableBufferPointer<Double>, alpha: Double, beta: Double
  ) {
    BLAS.gemm(m: m, n: n, k: k, a, transposeA: transposeA, b, transposeB: transposeB, into: c, alpha: alpha, beta: beta)
  }
  @inline(__always) public static func exp(_ x: Double) -> Double { Glibc.exp(x) }
  @inline(__always) public static func log(_ x: Double) -> Double { Glibc.log(x) }
  @inline(__always) public static func erf(_ x: Double) -> Double { Glibc.erf(x) }
  @inline(__always) public static func cos(_ x: Double) -> Double { Glibc.cos(x) }
}
