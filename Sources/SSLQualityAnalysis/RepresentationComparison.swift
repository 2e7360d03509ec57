// ssl-quality · RepresentationComparison.swift — several representations of the same samples, one row each.

import SSLQuality
import SSLQualityFinetune

/// One representation's row of a comparison: its spectrum (held once; the row's samples,
/// features and spectral columns are the spectrum's), its Q-Score summary and, with
/// `--train`, `--train-labels` and `--test-labels`, the probes' figures and its
/// compressible fraction.
public struct ComparisonRow: Sendable, Equatable, Codable {
  public var name: String
  /// `|Dset|` at the comparison's ε and band.
  public var discriminativeCount: Int
  /// Mean Q-Score and the share of samples with `Q = 0`.
  public var qMean: Double
  public var emptyShare: Double
  public var knnAccuracy: Double?
  public var probeAccuracy: Double?
  /// AUROC and AUPRC (correct = positive) of Q for the linear probe's mistakes.
  public var qAuroc: Double?
  public var qAuprcCorrect: Double?
  /// Smallest kept fraction (ranked by discriminativeness) within 1 point of full accuracy.
  public var compressibleFraction: Double?
  /// The full spectrum (for figures and `report --from`).
  public var spectrum: SpectrumResult

  public var samples: Int { spectrum.samples }
  public var features: Int { spectrum.features }
  public var rankme: Double { spectrum.rankme }
  public var rankmeCentered: Double { spectrum.rankmeCentered }
  public var alpha: Double? { spectrum.alpha }
  public var effectiveRank: Double { spectrum.effectiveRank }
  public var collapseStd: Double { spectrum.collapseStd }
  public var deadFeatures: Int { spectrum.deadFeatures }

  public init(
    name: String, discriminativeCount: Int, qMean: Double, emptyShare: Double, knnAccuracy: Double? = nil, probeAccuracy: Double? = nil,
    qAuroc: Double? = nil, qAuprcCorrect: Double? = nil, compressibleFraction: Double? = nil, spectrum: SpectrumResult
  ) {
    (self.name, self.discriminativeCount, self.qMean, self.emptyShare) = (name, discriminativeCount, qMean, emptyShare)
    (self.knnAccuracy, self.probeAccuracy, self.qAuroc, self.qAuprcCorrect) = (knnAccuracy, probeAccuracy, qAuroc, qAuprcCorrect)
    self.compressibleFraction = compressibleFraction
    self.spectrum = spectrum
  }

  /// The row of a representation named `name`: its evaluation on the test split (the
  /// probes' figures are there when it was evaluated with labels), its compressible
  /// fraction and its spectrum.
  public init(name: String, evaluation: RepresentationEvaluation, compressibleFraction: Double?, spectrum: SpectrumResult) {
    self.init(
      name: name, discriminativeCount: evaluation.discriminativeCount, qMean: evaluation.qMean, emptyShare: evaluation.emptyShare,
      knnAccuracy: evaluation.knnAccuracy, probeAccuracy: evaluation.probeAccuracy, qAuroc: evaluation.qAuroc,
      qAuprcCorrect: evaluation.qAuprcCorrect, compressibleFraction: compressibleFraction, spectrum: spectrum)
  }

  /// The row's JSON object: the spectrum's summary values next to the row's own, then the
  /// whole spectrum.
  enum CodingKeys: String, OrderedCodingKey {
    case alpha, collapseStd = "collapse_std", compressibleFraction = "compressible_fraction", deadFeatures = "dead_features"
    case discriminativeCount = "discriminative_count", effectiveRank = "effective_rank", emptyShare = "empty_share", features
    case knnAccuracy = "knn_accuracy", name, probeAccuracy = "probe_accuracy", qAuprcCorrect = "q_auprc_correct", qAuroc = "q_auroc"
    case qMean = "q_mean", rankme, rankmeCentered = "rankme_centered", samples, spectrum
  }

  /// Reads the row's own values and its spectrum (the spectral columns are the spectrum's).
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      name: try c.decode(String.self, forKey: .name), discriminativeCount: try c.decode(Int.self, forKey: .discriminativeCount),
      qMean: try c.decode(Double.self, forKey: .qMean), emptyShare: try c.decode(Double.self, forKey: .emptyShare),
      knnAccuracy: try c.decodeIfPresent(Double.self, forKey: .knnAccuracy),
      probeAccuracy: try c.decodeIfPresent(Double.self, forKey: .probeAccuracy), qAuroc: try c.decodeIfPresent(Double.self, forKey: .qAuroc),
      qAuprcCorrect: try c.decodeIfPresent(Double.self, forKey: .qAuprcCorrect),
      compressibleFraction: try c.decodeIfPresent(Double.self, forKey: .compressibleFraction),
      spectrum: try c.decode(SpectrumResult.self, forKey: .spectrum))
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(name, forKey: .name)
    try c.encode(samples, forKey: .samples)
    try c.encode(features, forKey: .features)
    try c.encode(rankme, forKey: .rankme)
    try c.encode(rankmeCentered, forKey: .rankmeCentered)
    try c.encodeIfPresent(alpha, forKey: .alpha)
    try c.encode(effectiveRank, forKey: .effectiveRank)
    try c.encode(collapseStd, forKey: .collapseStd)
    try c.encode(deadFeatures, forKey: .deadFeatures)
    try c.encode(discriminativeCount, forKey: .discriminativeCount)
    try c.encode(qMean, forKey: .qMean)
    try c.encode(emptyShare, forKey: .emptyShare)
    try c.encodeIfPresent(knnAccuracy, forKey: .knnAccuracy)
    try c.encodeIfPresent(probeAccuracy, forKey: .probeAccuracy)
    try c.encodeIfPresent(qAuroc, forKey: .qAuroc)
    try c.encodeIfPresent(qAuprcCorrect, forKey: .qAuprcCorrect)
    try c.encodeIfPresent(compressibleFraction, forKey: .compressibleFraction)
    try c.encode(spectrum, forKey: .spectrum)
  }
}

/// Representations of the same samples side by side: spectra, Q-Score, and with labels
/// kNN and linear-probe accuracy, Q's AUROC/AUPRC for the probe's mistakes and the
/// compressible fraction; the best value of each column marked.
public struct RepresentationComparison: Sendable, Equatable, Codable {
  public var epsilon: Double
  public var band: [Double]
  public var alphaRange: [Int]
  public var columns: [ComparisonColumn]
  public var rows: [ComparisonRow]
  /// With labels: intervals and the tests of each representation against the baseline on
  /// the same test samples (``ComparisonPairedTests``), apart from the columns.
  @NullWhenAbsent public var pairedTests: ComparisonPairedTests? = nil

  enum CodingKeys: String, OrderedCodingKey {
    case alphaRange = "alpha_range", band, columns, epsilon, pairedTests = "paired_tests", rows
  }

  /// Rows in input order; columns that no row has a value for are dropped, the others get
  /// their best rows marked.
  public init(epsilon: Double, band: ClosedRange<Double>, alphaRange: ClosedRange<Int>, rows: [ComparisonRow]) {
    self.epsilon = epsilon
    self.band = [band.lowerBound, band.upperBound]
    self.alphaRange = [alphaRange.lowerBound, alphaRange.upperBound]
    self.rows = rows
    columns = ComparisonColumn.all.compactMap { column in
      let values = rows.map(column.value)
      guard values.contains(where: { $0 != nil }) else { return nil }
      var marked = column
      marked.markBest(values)
      return marked
    }
  }

  /// Each column's title and its value in every row, as the comparison figure draws them.
  public var columnValues: [(title: String, values: [Double?])] {
    columns.map { column in (column.title, rows.map(column.value)) }
  }
}
