// ssl-quality · QScoreDistribution.swift — Q-Scores split into the Q = 0 share and the rest.

/// How a set of Q-Scores is distributed, in the two parts that mean different things: the
/// samples with `Q = 0` (no highly-active discriminative feature, `L_i ∩ Dset` empty) and a
/// histogram of the positive scores. With probe outcomes, each part is split into
/// correctly and incorrectly classified samples, the histograms sharing one set of bins.
/// NaN scores (rows holding NaN or Inf) are left out.
public struct QScoreDistribution: Sendable {
  /// One group of samples (all, correct or misclassified).
  public struct Group: Sendable {
    public let name: String
    /// Finite samples in the group and, of those, the ones with `Q = 0`.
    public let samples: Int, zeroCount: Int
    /// Positive Q-Scores of the group.
    public let positive: Histogram

    /// `zeroCount / samples`, 0 for an empty group.
    public var zeroShare: Double { samples == 0 ? 0 : Double(zeroCount) / Double(samples) }
  }

  /// `all`, or `correct` and `misclassified` when outcomes were given.
  public let groups: [Group]

  /// Splits `q`; `correct[i]` is the probe outcome of sample `i` when known.
  ///
  /// - Precondition: `correct` (when given) has one entry per score; `bins ≥ 1`.
  /// - Complexity: O(N).
  public init(q: [Double], correct: [Bool]?, bins: Int = 30) {
    precondition(correct == nil || correct?.count == q.count, "one outcome per score")
    let range = Histogram.range(of: q.lazy.filter { $0 > 0 }) ?? 0...1
    func group(_ name: String, _ keep: (Int) -> Bool) -> Group {
      let members = q.indices.filter { keep($0) && !q[$0].isNaN }
      return Group(
        name: name, samples: members.count, zeroCount: members.count { q[$0] == 0 },
        positive: Histogram(members.map { q[$0] }.filter { $0 > 0 }, bins: bins, range: range))
    }
    if let correct {
      groups = [group("correct") { correct[$0] }, group("misclassified") { !correct[$0] }]
    } else {
      groups = [group("all") { _ in true }]
    }
  }
}
