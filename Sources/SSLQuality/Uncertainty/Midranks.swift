// ssl-quality · Midranks.swift — ranks with ties given their average rank.

/// Midranks (`scipy.stats.rankdata(values, method="average")`): the 1-based rank of each
/// value in ascending order, tied values all receiving the mean of the ranks they occupy
/// (values 5, 1, 5 have ranks 2.5, 1, 2.5). Ranks are halves of integers, so sums of them
/// are exact below 2⁵².
///
/// - Precondition: no NaN.
/// - Complexity: O(N log N).
func midranks(_ values: [Double]) -> [Double] {
  precondition(!values.contains(where: \.isNaN), "NaN value")
  let order = values.indices.sorted { values[$0] < values[$1] }
  var ranks = [Double](repeating: 0, count: values.count)
  var start = 0
  while start < order.count {
    var end = start + 1
    while end < order.count && values[order[end]] == values[order[start]] { end += 1 }
    // Positions start..<end (0-based) hold ranks start+1 ... end; their mean:
    let rank = Double(start + 1 + end) / 2
    for position in start..<end { ranks[order[position]] = rank }
    start = end
  }
  return ranks
}
