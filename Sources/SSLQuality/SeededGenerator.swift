// ssl-quality · SeededGenerator.swift — SplitMix64, the seedable generator of the probes and compression.

import Foundation

/// SplitMix64: a small, seedable generator for reproducible probes.
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

  /// Uniform in [0, 1).
  public mutating func unit() -> Double { Double(next() >> 11) / Double(UInt64(1) << 53) }

  /// Standard normal (Box–Muller).
  public mutating func normal() -> Double {
    let u = max(unit(), .leastNonzeroMagnitude)
    return (-2 * log(u)).squareRoot() * cos(2 * .pi * unit())
  }

  /// Fisher–Yates shuffle driven by this generator.
  public mutating func shuffle<T>(_ array: inout [T]) {
    guard array.count > 1 else { return }
    for i in stride(from: array.count - 1, to: 0, by: -1) {
      array.swapAt(i, Int(next() % UInt64(i + 1)))
    }
  }
}
