// ssl-quality · RandomSource.swift — the seeded generator behind initialisation.

/// A seeded pseudo-random generator (xoshiro256**, state filled by SplitMix64 from the
/// seed): the same seed gives the same numbers on every machine and thread count.
public struct RandomSource: RandomNumberGenerator, Sendable {
  private var state: (UInt64, UInt64, UInt64, UInt64)

  /// A generator started from `seed`.
  public init(seed: UInt64) {
    var z = seed
    func splitMix() -> UInt64 {
      z &+= 0x9E37_79B9_7F4A_7C15
      var x = z
      x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
      x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
      return x ^ (x >> 31)
    }
    state = (splitMix(), splitMix(), splitMix(), splitMix())
  }

  public mutating func next() -> UInt64 {
    let result = ((state.1 &* 5) << 7 | (state.1 &* 5) >> 57) &* 9
    let t = state.1 << 17
    state.2 ^= state.0
    state.3 ^= state.1
    state.1 ^= state.2
    state.0 ^= state.3
    state.2 ^= t
    state.3 = state.3 << 45 | state.3 >> 19
    return result
  }

  /// A uniform number in `[low, high)` (53 random bits).
  public mutating func uniform(_ low: Double, _ high: Double) -> Double {
    low + (high - low) * Double(next() >> 11) * 0x1p-53
  }

  /// A standard normal number (Box–Muller on two uniforms).
  public mutating func normal() -> Double {
    let u = 1 - uniform(0, 1), v = uniform(0, 1)
    return (-2 * Double.log(u)).squareRoot() * Double.cos(2 * Double.pi * v)
  }

  /// A tensor of `shape` with entries uniform in `[-bound, bound)`.
  public mutating func uniformTensor<Scalar>(shape: [Int], bound: Double) -> Tensor<Scalar> {
    Tensor(shape: shape, scalars: (0..<shape.reduce(1, *)).map { _ in Scalar(uniform(-bound, bound)) })
  }

  /// A tensor of `shape` with standard normal entries times `scale`.
  public mutating func normalTensor<Scalar>(shape: [Int], scale: Double = 1) -> Tensor<Scalar> {
    Tensor(shape: shape, scalars: (0..<shape.reduce(1, *)).map { _ in Scalar(scale * normal()) })
  }
}
