// ssl-quality · Percentile.swift — numpy's default (linear) percentile.

/// Percentiles as `numpy.percentile(values, q)` computes them with its default `linear`
/// method: the `q/100 · (n − 1)`-th order statistic, interpolated between neighbours with
/// numpy's own two-sided formula (so results match bit for bit).
public enum Percentile {
  /// The `q`-th percentile (0...100) of `sorted`, which must be sorted ascending; `nil`
  /// for an empty array.
  ///
  /// - Complexity: O(1).
  public static func linear(_ sorted: [Double], _ q: Double) -> Double? {
    guard let position = Position(count: sorted.count, q) else { return nil }
    return position.value(sorted[position.lower], position.gamma > 0 ? sorted[position.lower + 1] : sorted[position.lower])
  }

  /// The `q`-th percentile (0...100) of `values` in any order, found by selection rather
  /// than sorting; `values` is reordered. `nil` for an empty array.
  ///
  /// - Complexity: O(n) expected.
  public static func linear(selectingIn values: inout [Double], _ q: Double) -> Double? {
    guard let position = Position(count: values.count, q) else { return nil }
    let a = OrderStatistic.select(&values, position.lower)
    // After selection every value past `lower` is at least `a`; the next order statistic
    // is the smallest of them.
    let b = position.gamma > 0 ? values[(position.lower + 1)...].min() ?? a : a
    return position.value(a, b)
  }

  /// Where the `q`-th percentile of `count` values falls: order statistic `lower` and the
  /// fraction `gamma` of the way to the next.
  private struct Position {
    let lower: Int, gamma: Double

    init?(count n: Int, _ q: Double) {
      guard n > 0 else { return nil }
      let virtualIndex = (q / 100) * Double(n - 1)
      if virtualIndex <= 0 {
        (lower, gamma) = (0, 0)
      } else if virtualIndex >= Double(n - 1) {
        (lower, gamma) = (n - 1, 0)
      } else {
        lower = Int(virtualIndex.rounded(.down))
        gamma = virtualIndex - Double(lower)
      }
    }

    /// numpy's `_lerp`: `a + d·t`, but `b − d·(1 − t)` where `t ≥ 0.5` (monotone, exact at
    /// the ends).
    func value(_ a: Double, _ b: Double) -> Double {
      guard gamma > 0 else { return a }
      let difference = b - a
      return gamma >= 0.5 ? b - difference * (1 - gamma) : a + difference * gamma
    }
  }
}

/// Selection of the `k`-th smallest value without sorting.
enum OrderStatistic {
  /// Reorders `values` so that `values[k]` is the `k`-th smallest (0-based), every value
  /// before it is at most that, and every value after it at least that; returns it.
  ///
  /// - Precondition: `0 <= k < values.count`; no NaN.
  /// - Complexity: O(n) expected (median-of-three pivots, three-way partitions).
  static func select(_ values: inout [Double], _ k: Int) -> Double {
    precondition(k >= 0 && k < values.count, "order statistic out of range")
    var low = 0, high = values.count - 1
    while low < high {
      let middle = low + (high - low) / 2
      let pivot = max(min(values[low], values[middle]), min(max(values[low], values[middle]), values[high]))
      // Three-way partition of low...high: < pivot, == pivot, > pivot.
      var less = low, scan = low, greater = high
      while scan <= greater {
        if values[scan] < pivot {
          values.swapAt(less, scan)
          less += 1
          scan += 1
        } else if values[scan] > pivot {
          values.swapAt(scan, greater)
          greater -= 1
        } else {
          scan += 1
        }
      }
      if k < less { high = less - 1 } else if k > greater { low = greater + 1 } else { return values[k] }
    }
    return values[k]
  }
}
