// ssl-quality · ComparisonColumn.swift — the columns of a comparison: key, title, which value is best, where the value is.

/// One column of a ``RepresentationComparison``: its JSON key, its title, whether it needs
/// labels, which direction is better (used to mark the best row), how its values read, and
/// the row's value it shows (a key path into ``ComparisonRow``). ``all`` lists every
/// column once: a new column is one line there.
public struct ComparisonColumn: Sendable, Equatable, Codable {
  /// Which value of a column is best.
  public enum Preference: String, Sendable, Codable {
    case higher, lower
    /// Closest to 1 (α-ReQ: the paper finds α ≈ 1 best for downstream accuracy).
    case closestToOne = "closest_to_one"
    /// No value is better (counts that describe rather than rank).
    case none
  }

  /// What kind of number a column holds (how a table shows it).
  public enum Display: Sendable {
    /// A share in [0, 1] (accuracies, AUROC, AUPRC, shares).
    case share
    case count
    case number
  }

  public var key: String
  public var title: String
  public var labelFree: Bool
  public var preference: Preference
  /// Rows holding the best value (ties all marked; empty for ``Preference/none`` or no values).
  public var best: [Int] = []
  public var display: Display
  /// The column's value of a row (`nil` when the row has none).
  public let value: @Sendable (ComparisonRow) -> Double?

  init(
    _ key: String, _ title: String, labelFree: Bool, preference: Preference, display: Display = .number,
    _ path: KeyPath<ComparisonRow, Double> & Sendable
  ) {
    self.init(key, title, labelFree: labelFree, preference: preference, display: display) { $0[keyPath: path] }
  }

  init(
    _ key: String, _ title: String, labelFree: Bool, preference: Preference, display: Display = .number,
    _ path: KeyPath<ComparisonRow, Double?> & Sendable
  ) {
    self.init(key, title, labelFree: labelFree, preference: preference, display: display) { $0[keyPath: path] }
  }

  init(_ key: String, _ title: String, labelFree: Bool, preference: Preference, _ path: KeyPath<ComparisonRow, Int> & Sendable) {
    self.init(key, title, labelFree: labelFree, preference: preference, display: .count) { Double($0[keyPath: path]) }
  }

  private init(
    _ key: String, _ title: String, labelFree: Bool, preference: Preference, display: Display,
    value: @escaping @Sendable (ComparisonRow) -> Double?
  ) {
    (self.key, self.title, self.labelFree, self.preference, self.display, self.value) = (key, title, labelFree, preference, display, value)
  }

  /// The columns in table order.
  public static let all: [ComparisonColumn] = [
    ComparisonColumn("rankme", "RankMe", labelFree: true, preference: .higher, \.rankme),
    ComparisonColumn("rankme_centered", "RankMe (centred)", labelFree: true, preference: .higher, \.rankmeCentered),
    ComparisonColumn("alpha", "α-ReQ", labelFree: true, preference: .closestToOne, \.alpha),
    ComparisonColumn("effective_rank", "effective rank", labelFree: true, preference: .higher, \.effectiveRank),
    ComparisonColumn("collapse_std", "collapse std", labelFree: true, preference: .higher, \.collapseStd),
    ComparisonColumn("discriminative_count", "|Dset|", labelFree: true, preference: .none, \.discriminativeCount),
    ComparisonColumn("q_mean", "Q mean", labelFree: true, preference: .none, \.qMean),
    ComparisonColumn("empty_share", "Q = 0 share", labelFree: true, preference: .lower, display: .share, \.emptyShare),
    ComparisonColumn("knn_accuracy", "kNN acc.", labelFree: false, preference: .higher, display: .share, \.knnAccuracy),
    ComparisonColumn("probe_accuracy", "linear acc.", labelFree: false, preference: .higher, display: .share, \.probeAccuracy),
    ComparisonColumn("q_auroc", "Q AUROC", labelFree: false, preference: .higher, display: .share, \.qAuroc),
    ComparisonColumn("q_auprc_correct", "Q AUPRC-correct", labelFree: false, preference: .higher, display: .share, \.qAuprcCorrect),
    ComparisonColumn("compressible_fraction", "compressible to", labelFree: false, preference: .lower, \.compressibleFraction),
  ]

  /// Marks the rows whose value is best among `values` (missing and NaN values never are).
  mutating func markBest(_ values: [Double?]) {
    let scored: [(Int, Double)] = values.enumerated().compactMap { index, value in
      guard let value, !value.isNaN else { return nil }
      switch preference {
      case .higher: return (index, value)
      case .lower: return (index, -value)
      case .closestToOne: return (index, -abs(value - 1))
      case .none: return nil
      }
    }
    guard let top = scored.map(\.1).max() else { return }
    best = scored.filter { $0.1 == top }.map(\.0)
  }

  enum CodingKeys: String, OrderedCodingKey {
    case best, key, labelFree = "label_free", preference, title
  }

  /// A saved column: its key names one of ``all`` (which gives its value and display).
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let key = try c.decode(String.self, forKey: .key)
    guard let known = Self.all.first(where: { $0.key == key }) else {
      throw DecodingError.dataCorruptedError(forKey: .key, in: c, debugDescription: "unknown comparison column \(key)")
    }
    self = known
    title = try c.decode(String.self, forKey: .title)
    labelFree = try c.decode(Bool.self, forKey: .labelFree)
    preference = try c.decode(Preference.self, forKey: .preference)
    best = try c.decode([Int].self, forKey: .best)
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(key, forKey: .key)
    try c.encode(title, forKey: .title)
    try c.encode(labelFree, forKey: .labelFree)
    try c.encode(preference, forKey: .preference)
    try c.encode(best, forKey: .best)
  }

  /// Columns are equal when their coded values are (the key decides the value).
  public static func == (a: ComparisonColumn, b: ComparisonColumn) -> Bool {
    (a.key, a.title, a.labelFree, a.preference, a.best) == (b.key, b.title, b.labelFree, b.preference, b.best)
  }
}
