// ssl-quality · ClassCounts.swift — how many samples carry each label.

/// Samples per label of a 1-D integer array, labels ascending, and the imbalance a
/// reader checks first (smallest and largest class).
///
/// - Complexity: O(N + K log K) for `K` distinct labels.
public struct ClassCounts: Sendable, Equatable {
  /// One label and its number of samples.
  public struct Entry: Sendable, Equatable {
    public let label: Int
    public let count: Int
  }

  /// Labels ascending.
  public let entries: [Entry]

  public init(_ labels: some Sequence<Int>) {
    var counts: [Int: Int] = [:]
    for label in labels { counts[label, default: 0] += 1 }
    entries = counts.keys.sorted().map { Entry(label: $0, count: counts[$0] ?? 0) }
  }

  /// Number of distinct labels.
  public var classes: Int { entries.count }
  /// Samples in the smallest and the largest class (0 without samples).
  public var smallest: Int { entries.map(\.count).min() ?? 0 }
  public var largest: Int { entries.map(\.count).max() ?? 0 }
}
