// ssl-quality · SeededGenerator.swift — SplitMix64, the one seedable generator (probes, compression, training).

import Foundation

/// SplitMix64 (Steele, Lea & Flood, "Fast splittable pseudorandom number generators",
/// OOPSLA 2014): a small, seedable generator. The same seed gives the same numbers on
/// every machine and thread count, so probes, compression's random rankings, fine-tuning's
/// initialisation and its epochs' row orders are reproducible.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
  private var state: UInt64

  public init(seed: UInt64) { state = seed }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Uniform in [0, 1) (53 random bits).
  public mutating func unit() -> Double { Double(next() >> 11) / Double(UInt64(1) << 53) }

  /// Uniform in `[low, high)`: `low + (high − low) · unit()`.
  public mutating func uniform(_ low: Double, _ high: Double) -> Double { low + (high - low) * unit() }

  /// Standard normal (Box–Muller).
  public mutating func normal() -> Double {
    let u = max(unit(), .leastNonzeroMagnitude)
    return (-2 * log(u)).squareRoot() * cos(2 * .pi * unit())
  }

  /// Uniform in `0..<count`: the high word of `count × next()` (Lemire's multiply-shift,
  /// bias below count/2⁶⁴). Bootstraps draw their indices with it.
  /// - Precondition: `count > 0`.
  public mutating func index(below count: Int) -> Int {
    precondition(count > 0, "no index below 0")
    return Int(UInt64(count).multipliedFullWidth(by: next()).high)
  }

  /// Fisher–Yates shuffle driven by this generator.
  public mutating func shuffle<T>(_ array: inout [T]) {
    guard array.count > 1 else { return }
    for i in stride(from: array.count - 1, to: 0, by: -1) {
      array.swapAt(i, Int(next() % UInt64(i + 1)))
    }
  }
}
