// ssl-quality · ComparisonColumn.swift — the columns of a comparison: key, title, which value is best, where the value is.

/// One column of a ``RepresentationComparison``: its JSON key, its title, whether it needs
/// labels, whether it is ranked (its best row marked, its values drawn in the figure),
/// how its values read, and the row's value it shows (a key path into
/// ``ComparisonRow``). ``all`` lists every column once: a new column is one line there.
///
/// Representations of different widths `D` are compared fairly: a measure whose raw
/// value grows with `D` is shown divided by its value for an ideal representation of that
/// width (RankMe / D, effective rank / D, collapse std × √D; the raw values stay in each
/// row's JSON). Only columns whose better direction is established for representations
/// of different encoders are ranked (higher is better for all of them), and every ranked
/// column lies in [0, 1], so the figure draws them on one axis:
///
/// - ranked: RankMe / D and centred RankMe / D (share of the width the singular values
///   spread over; Garrido et al., ICML 2023), effective rank / D, collapse std × √D (1 for
///   rows spread evenly over the sphere, 0 for a collapsed representation), kNN and
///   linear accuracy, and Q's AUROC (independent of the base rate). The spectral ones
///   reward spread, not signal: a matrix of ReLU noise tops them (`fixtures/widths`).
/// - not ranked: `D`; α-ReQ (α ≈ 1 is best only within one architecture and training
///   setup; across encoders a random one can sit closer to 1); `|Dset|` and mean Q (their
///   scale depends on `D` and on the features' scale); the share of `Q = 0` (how many
///   samples Q can rank at this ε within one representation, not a quality: ReLU noise
///   shows a lower share than the trained demo encoder); Q's AUPRC-correct (its base rate
///   is each representation's own probe accuracy, so a higher value can come from a
///   better probe alone); the compressible fraction (measured against each
///   representation's own full accuracy, so a representation at chance level is the
///   most "compressible").
public struct ComparisonColumn: Sendable, Equatable, Codable {
  /// Which value of a column is best.
  public enum Preference: String, Sendable, Codable {
    /// Ranked: the highest value is best.
    case higher
    /// No value is better (values that describe rather than rank, or whose better
    /// direction is not established across encoders).
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
  /// Where the paired tests hold the value's 95% interval, for the columns they measure
  /// one for (the accuracies, Q's AUROC).
  public let interval: (KeyPath<ComparisonPairedTests.Entry, IntervalJSON?> & Sendable)?

  init(
    _ key: String, _ title: String, labelFree: Bool, preference: Preference, display: Display = .number,
    _ path: KeyPath<ComparisonRow, Double> & Sendable
  ) {
    self.init(key, title, labelFree: labelFree, preference: preference, display: display) { $0[keyPath: path] }
  }

  init(
    _ key: String, _ title: String, labelFree: Bool, preference: Preference, display: Display = .number,
    _ path: KeyPath<ComparisonRow, Double?> & Sendable, interval: (KeyPath<ComparisonPairedTests.Entry, IntervalJSON?> & Sendable)? = nil
  ) {
    self.init(key, title, labelFree: labelFree, preference: preference, display: display, interval: interval) { $0[keyPath: path] }
  }

  init(_ key: String, _ title: String, labelFree: Bool, preference: Preference, _ path: KeyPath<ComparisonRow, Int> & Sendable) {
    self.init(key, title, labelFree: labelFree, preference: preference, display: .count) { Double($0[keyPath: path]) }
  }

  private init(
    _ key: String, _ title: String, labelFree: Bool, preference: Preference, display: Display,
    interval: (KeyPath<ComparisonPairedTests.Entry, IntervalJSON?> & Sendable)? = nil, value: @escaping @Sendable (ComparisonRow) -> Double?
  ) {
    (self.key, self.title, self.labelFree, self.preference, self.display, self.value) = (key, title, labelFree, preference, display, value)
    self.interval = interval
  }

  /// The columns in table order.
  public static let all: [ComparisonColumn] = [
    ComparisonColumn("features", "D", labelFree: true, preference: .none, \.features),
    ComparisonColumn("rankme_share", "RankMe / D", labelFree: true, preference: .higher, \.rankmeShare),
    ComparisonColumn("rankme_centered_share", "RankMe (centred) / D", labelFree: true, preference: .higher, \.rankmeCenteredShare),
    ComparisonColumn("alpha", "α-ReQ", labelFree: true, preference: .none, \.alpha),
    ComparisonColumn("effective_rank_share", "effective rank / D", labelFree: true, preference: .higher, \.effectiveRankShare),
    ComparisonColumn("collapse_std_scaled", "collapse std × √D", labelFree: true, preference: .higher, \.collapseStdScaled),
    ComparisonColumn("discriminative_count", "|Dset|", labelFree: true, preference: .none, \.discriminativeCount),
    ComparisonColumn("q_mean", "Q mean", labelFree: true, preference: .none, \.qMean),
    ComparisonColumn("empty_share", "Q = 0 share", labelFree: true, preference: .none, display: .share, \.emptyShare),
    ComparisonColumn("knn_accuracy", "kNN acc.", labelFree: false, preference: .higher, display: .share, \.knnAccuracy, interval: \ComparisonPairedTests.Entry.knnAccuracyInterval),
    ComparisonColumn("probe_accuracy", "linear acc.", labelFree: false, preference: .higher, display: .share, \.probeAccuracy, interval: \ComparisonPairedTests.Entry.probeAccuracyInterval),
    ComparisonColumn("q_auroc", "Q AUROC", labelFree: false, preference: .higher, display: .share, \.qAuroc, interval: \ComparisonPairedTests.Entry.qAurocInterval),
    ComparisonColumn("q_auprc_correct", "Q AUPRC-correct", labelFree: false, preference: .none, display: .share, \.qAuprcCorrect),
    ComparisonColumn("compressible_fraction", "compressible to", labelFree: false, preference: .none, \.compressibleFraction),
  ]

  /// Marks the rows whose value is best among `values` (missing and NaN values never are).
  mutating func markBest(_ values: [Double?]) {
    guard preference == .higher else { return }
    let scored: [(Int, Double)] = values.enumerated().compactMap { index, value in
      guard let value, !value.isNaN else { return nil }
      return (index, value)
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
