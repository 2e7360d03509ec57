// ssl-quality · NonFiniteRowCount.swift — how every notice and error names rows holding NaN or Inf.

/// `N rows hold NaN or Inf (first: …)` (`1 row holds …`), as every notice and error about
/// them says it.
public struct NonFiniteRowCount: CustomStringConvertible, Sendable {
  public var count: Int
  public var first: [Int]?

  public init(count: Int, first: [Int]?) {
    self.count = count
    self.first = first
  }

  public var description: String {
    let rows = "\(count) row\(count == 1 ? "" : "s") \(count == 1 ? "holds" : "hold") NaN or Inf"
    return first.map { "\(rows) (first: \($0.map(String.init).joined(separator: ", ")))" } ?? rows
  }
}
