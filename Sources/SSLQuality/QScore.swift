// ssl-quality · QScore.swift — per-sample Q-Score from the kept highly-activating entries.

import Dispatch

/// How each term of a Q-Score is scaled.
public enum QScoreNormalization: String, Sendable, CaseIterable {
  /// `h_ij − μ_i`, the paper's definition.
  case none
  /// `(h_ij − μ_i) / σ_i` (a term with `σ_i = 0` is 0).
  case zscore
}

/// Per-sample Q-Scores (SPEC §2):
///
/// ```
/// Q_i = mean over j ∈ L_i ∩ Dset of (h_ij − μ_i)      (0 when L_i ∩ Dset is empty)
/// ```
///
/// Every defined Q is positive (each term exceeds `ε σ_i ≥ 0`), so 0 is the minimum; a
/// higher Q means a higher-quality representation. Rows with NaN or Inf score NaN.
/// Computed from an ``ActivationProfile`` without reading the matrix again, and `Dset` may
/// come from another matrix (e.g. the train split).
public struct QScores: Sendable {
  /// `Q_i` in input order (NaN for non-finite rows).
  public let values: [Double]
  /// `|L_i ∩ Dset|` per sample.
  public let termCounts: [Int]
  /// Finite samples whose `L_i ∩ Dset` is empty (scored 0).
  public let emptyCount: Int

  /// Scores every row of `profile` against `discriminative`.
  ///
  /// - Precondition: both describe the same number of features.
  /// - Complexity: O(N + Σ|L_i|), the entry blocks on `threads` workers (each row is
  ///   scored alone, so results do not depend on the thread count).
  public init(
    profile: ActivationProfile, discriminative: DiscriminativeFeatures, normalization: QScoreNormalization = .none,
    threads: Int = Parallelism.availableCores
  ) {
    precondition(profile.features == discriminative.frequencies.count, "Dset was fitted on a different number of features")
    var values = [Double](repeating: 0, count: profile.samples)
    var counts = [Int](repeating: 0, count: profile.samples)
    let membership = discriminative.membership
    let blocks = profile.entryBlocks, blockRows = profile.blockRows, samples = profile.samples
    let emptyPerBlock = BlockResults<Int>(count: blocks.count)
    values.withUnsafeMutableBufferPointer { valuesOut in
      counts.withUnsafeMutableBufferPointer { countsOut in
        guard let valuesBase = valuesOut.baseAddress, let countsBase = countsOut.baseAddress else { return }
        let q = SendablePointer(base: valuesBase), terms = SendablePointer(base: countsBase)
        let workers = max(1, min(threads, blocks.count))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
          var index = worker
          while index < blocks.count {
            let block = blocks[index], first = index * blockRows
            var empty = 0
            block.features.withUnsafeBufferPointer { features in
              block.deviations.withUnsafeBufferPointer { deviations in
                membership.withUnsafeBufferPointer { member in
                  for row in first..<min(samples, first + blockRows) {
                    guard profile.isFinite(row) else {
                      q.base[row] = .nan
                      continue
                    }
                    let sigma = profile.rowStd[row], local = row - first
                    var sum = 0.0, count = 0
                    for entry in block.offsets[local]..<block.offsets[local + 1] where member[Int(features[entry])] {
                      let deviation = deviations[entry]
                      switch normalization {
                      case .none: sum += deviation
                      case .zscore: sum += sigma > 0 ? deviation / sigma : 0
                      }
                      count += 1
                    }
                    terms.base[row] = count
                    if count == 0 { empty += 1 } else { q.base[row] = sum / Double(count) }
                  }
                }
              }
            }
            emptyPerBlock[index] = empty
            index += workers
          }
        }
      }
    }
    let empty = emptyPerBlock.inOrder.reduce(0, +)
    self.values = values
    termCounts = counts
    emptyCount = empty
  }
}

/// Mean, population standard deviation, minimum, median and maximum of the finite values.
public struct Summary: Sendable, Equatable {
  public let count: Int
  public let mean: Double, std: Double, min: Double, median: Double, max: Double

  /// Summarises the non-NaN entries of `values` (all NaN when there are none).
  public init(_ values: [Double]) {
    var finite = values.filter { !$0.isNaN }
    count = finite.count
    guard let first = finite.min(), let last = finite.max() else {
      (mean, std, min, median, max) = (.nan, .nan, .nan, .nan, .nan)
      return
    }
    let average = finite.reduce(0, +) / Double(finite.count)
    mean = average
    std = (finite.reduce(0) { $0 + ($1 - average) * ($1 - average) } / Double(finite.count)).squareRoot()
    min = first
    max = last
    median = Percentile.linear(selectingIn: &finite, 50) ?? .nan
  }
}
