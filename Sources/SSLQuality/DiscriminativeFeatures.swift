// ssl-quality · DiscriminativeFeatures.swift — the band of activation frequencies.

/// The discriminative features `Dset`: with `P(q)` the `q`-th percentile
/// (numpy's linear method) of the non-zero activation frequencies `{ A_j : A_j > 0 }`,
///
/// ```
/// Dset = { j : A_j > 0 and P(p_lo) ≤ A_j ≤ P(p_hi) }
/// ```
///
/// Features that are rarely highly active and features active for almost every sample are
/// left out. The default band 50:95 is the paper's. When no frequency is non-zero, `Dset`
/// is empty and the thresholds are `nil`.
public struct DiscriminativeFeatures: Sendable, Equatable {
  /// The percentile band `p_lo...p_hi`, within 0...100.
  public let band: ClosedRange<Double>
  /// `P(p_lo)` and `P(p_hi)`, or `nil` when every frequency is zero.
  public let thresholds: (low: Double, high: Double)?
  /// `A_j` for every feature.
  public let frequencies: [Double]
  /// Indices of `Dset`, ascending.
  public let indices: [Int]
  /// `membership[j]` tells whether feature `j` is in `Dset`.
  public let membership: [Bool]

  /// Selects `Dset` from activation frequencies.
  ///
  /// - Complexity: O(D log D).
  public init(frequencies: [Double], band: ClosedRange<Double> = 50...95) {
    precondition(band.lowerBound >= 0 && band.upperBound <= 100, "band outside 0...100")
    self.band = band
    self.frequencies = frequencies
    let nonZero = frequencies.filter { $0 > 0 }.sorted()
    if let low = Percentile.linear(nonZero, band.lowerBound), let high = Percentile.linear(nonZero, band.upperBound) {
      thresholds = (low, high)
      membership = frequencies.map { $0 > 0 && low <= $0 && $0 <= high }
    } else {
      thresholds = nil
      membership = frequencies.map { _ in false }
    }
    let members = membership
    indices = members.indices.filter { members[$0] }
  }

  /// `A_j` of every feature in decreasing order (the paper's Figure 1).
  public var sortedFrequencies: [Double] { frequencies.sorted(by: >) }

  /// Number of discriminative features, `|Dset|`.
  public var count: Int { indices.count }

  public static func == (lhs: DiscriminativeFeatures, rhs: DiscriminativeFeatures) -> Bool {
    lhs.band == rhs.band && lhs.frequencies == rhs.frequencies && lhs.indices == rhs.indices
      && lhs.thresholds?.low == rhs.thresholds?.low && lhs.thresholds?.high == rhs.thresholds?.high
  }

  /// Features ranked by discriminativeness: `Dset` first by `A_j` descending, then the rest
  /// by `A_j` descending; ties keep the lower index first.
  public var ranking: [Int] {
    frequencies.indices.sorted { a, b in
      if membership[a] != membership[b] { return membership[a] }
      if frequencies[a] != frequencies[b] { return frequencies[a] > frequencies[b] }
      return a < b
    }
  }
}
