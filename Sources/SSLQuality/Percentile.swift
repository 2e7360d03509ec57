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
    guard let last = sorted.last else { return nil }
    let n = sorted.count
    let virtualIndex = (q / 100) * Double(n - 1)
    if virtualIndex <= 0 { return sorted[0] }
    if virtualIndex >= Double(n - 1) { return last }
    let lower = Int(virtualIndex.rounded(.down))
    let gamma = virtualIndex - Double(lower)
    let a = sorted[lower], b = sorted[lower + 1]
    let difference = b - a
    // numpy's _lerp: a + d·t, but b − d·(1 − t) where t ≥ 0.5 (monotone, exact at the ends).
    return gamma >= 0.5 ? b - difference * (1 - gamma) : a + difference * gamma
  }
}
