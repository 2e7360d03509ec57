// ssl-quality · RandomSource.swift — the seeded generator behind initialisation.

import SSLQuality

/// A seeded pseudo-random generator (xoshiro256**, state filled by SplitMix64 from the
/// seed): the same seed gives the same numbers on every machine and thread count.
public struct RandomSource: RandomNumberGenerator, Sendable {
  private var state: (UInt64, UInt64, UInt64, UInt64)

  /// A generator started from `seed`.
  public init(seed: UInt64) {
    var seeder = SeededGenerator(seed: seed)
    state = (seeder.next(), seeder.next(), seeder.next(), seeder.next())
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
