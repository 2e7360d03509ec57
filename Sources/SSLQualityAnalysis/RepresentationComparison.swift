// ssl-quality · RepresentationComparison.swift — several representations of the same samples, one row each.

import SSLQuality
import SSLQualityFinetune

/// One representation's row of a comparison: its spectrum (held once; the row's samples,
/// features and spectral columns are the spectrum's), its Q-Score summary, with
/// `--train`, `--train-labels` and `--test-labels` the probes' figures and its
/// compressible fraction, and the warnings `score` and `probe` would give it.
public struct ComparisonRow: Sendable, Equatable, Codable {
  public var name: String
  /// `|Dset|` at the comparison's ε and band, and where `Dset` was fitted.
  public var discriminativeCount: Int
  public var dsetSource: DiscriminativeSource
  /// Mean Q-Score, and the number and share of samples with `Q = 0`.
  public var qMean: Double
  public var emptyCount: Int
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
  /// What `score` (and, with labels, the probe) would warn about for this representation.
  public var warnings: [ReportedWarning]

  public var samples: Int { spectrum.samples }
  public var features: Int { spectrum.features }
  public var rankme: Double { spectrum.rankme }
  public var rankmeCentered: Double { spectrum.rankmeCentered }
  public var alpha: Double? { spectrum.alpha }
  public var effectiveRank: Double { spectrum.effectiveRank }
  public var collapseStd: Double { spectrum.collapseStd }
  public var deadFeatures: Int { spectrum.deadFeatures }

  /// Width-normalised spectral values, comparable across widths `D`: RankMe / D and
  /// effective rank / D (1 when the spectrum is flat over all `D` directions), and
  /// collapse std × √D (`collapse_std` over its `1/√D` for rows spread evenly over the
  /// sphere: at most 1, 0 when collapsed). NaN when `D = 0`.
  public var rankmeShare: Double { perFeature(rankme) }
  public var rankmeCenteredShare: Double { perFeature(rankmeCentered) }
  public var effectiveRankShare: Double { perFeature(effectiveRank) }
  public var collapseStdScaled: Double { features > 0 ? collapseStd * Double(features).squareRoot() : .nan }

  private func perFeature(_ value: Double) -> Double { features > 0 ? value / Double(features) : .nan }

  public init(
    name: String, discriminativeCount: Int, dsetSource: DiscriminativeSource, qMean: Double, emptyCount: Int, emptyShare: Double,
    knnAccuracy: Double? = nil, probeAccuracy: Double? = nil, qAuroc: Double? = nil, qAuprcCorrect: Double? = nil,
    compressibleFraction: Double? = nil, spectrum: SpectrumResult, warnings: [ReportedWarning] = []
  ) {
    (self.name, self.discriminativeCount, self.dsetSource) = (name, discriminativeCount, dsetSource)
    (self.qMean, self.emptyCount, self.emptyShare) = (qMean, emptyCount, emptyShare)
    (self.knnAccuracy, self.probeAccuracy, self.qAuroc, self.qAuprcCorrect) = (knnAccuracy, probeAccuracy, qAuroc, qAuprcCorrect)
    (self.compressibleFraction, self.spectrum, self.warnings) = (compressibleFraction, spectrum, warnings)
  }

  /// The row of a representation named `name`: its evaluation on the test split (the
  /// probes' figures are there when it was evaluated with labels), its compressible
  /// fraction, its spectrum, and the warnings of `score` and `probe` on the same figures:
  /// ``AnalysisWarning/scoring(discriminativeCount:empty:samples:)``, and with labels
  /// ``AnalysisWarning/probe(accuracy:labels:)`` against `testLabels` and, when some
  /// sample has `Q > 0`, ``AnalysisWarning/prediction(auprcCorrect:auroc:accuracy:)``.
  public init(
    name: String, evaluation: RepresentationEvaluation, compressibleFraction: Double?, spectrum: SpectrumResult, testLabels: [Int]?
  ) {
    let empty = evaluation.emptyCount
    var warnings = AnalysisWarning.scoring(discriminativeCount: evaluation.discriminativeCount, empty: empty, samples: evaluation.samples)
    if let accuracy = evaluation.probeAccuracy, let testLabels {
      warnings += AnalysisWarning.probe(accuracy: accuracy, labels: ClassCounts(testLabels))
      if empty < evaluation.samples, let auprc = evaluation.qAuprcCorrect, let auroc = evaluation.qAuroc {
        warnings += AnalysisWarning.prediction(auprcCorrect: auprc, auroc: auroc, accuracy: accuracy)
      }
    }
    self.init(
      name: name, discriminativeCount: evaluation.discriminativeCount, dsetSource: evaluation.dsetSource, qMean: evaluation.qMean,
      emptyCount: evaluation.emptyCount, emptyShare: evaluation.emptyShare,
      knnAccuracy: evaluation.knnAccuracy, probeAccuracy: evaluation.probeAccuracy, qAuroc: evaluation.qAuroc,
      qAuprcCorrect: evaluation.qAuprcCorrect, compressibleFraction: compressibleFraction, spectrum: spectrum,
      warnings: warnings.map(\.reported))
  }

  /// The row's JSON object: the spectrum's summary values (raw, then width-normalised)
  /// next to the row's own, the warnings, then the whole spectrum.
  enum CodingKeys: String, OrderedCodingKey {
    case alpha, collapseStd = "collapse_std", collapseStdScaled = "collapse_std_scaled", compressibleFraction = "compressible_fraction"
    case deadFeatures = "dead_features", discriminativeCount = "discriminative_count", dsetSource = "dset_source"
    case effectiveRank = "effective_rank", effectiveRankShare = "effective_rank_share", emptyCount = "empty_count", emptyShare = "empty_share"
    case features
    case knnAccuracy = "knn_accuracy", name, probeAccuracy = "probe_accuracy", qAuprcCorrect = "q_auprc_correct", qAuroc = "q_auroc"
    case qMean = "q_mean", rankme, rankmeCentered = "rankme_centered", rankmeCenteredShare = "rankme_centered_share"
    case rankmeShare = "rankme_share", samples, spectrum, warnings
  }

  /// Reads the row's own values and its spectrum (the spectral columns are the spectrum's).
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      name: try c.decode(String.self, forKey: .name), discriminativeCount: try c.decode(Int.self, forKey: .discriminativeCount),
      dsetSource: try c.decode(DiscriminativeSource.self, forKey: .dsetSource), qMean: try c.decode(Double.self, forKey: .qMean),
      emptyCount: try c.decode(Int.self, forKey: .emptyCount), emptyShare: try c.decode(Double.self, forKey: .emptyShare),
      knnAccuracy: try c.decodeIfPresent(Double.self, forKey: .knnAccuracy),
      probeAccuracy: try c.decodeIfPresent(Double.self, forKey: .probeAccuracy), qAuroc: try c.decodeIfPresent(Double.self, forKey: .qAuroc),
      qAuprcCorrect: try c.decodeIfPresent(Double.self, forKey: .qAuprcCorrect),
      compressibleFraction: try c.decodeIfPresent(Double.self, forKey: .compressibleFraction),
      spectrum: try c.decode(SpectrumResult.self, forKey: .spectrum), warnings: try c.decode([ReportedWarning].self, forKey: .warnings))
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
    try c.encode(rankmeShare, forKey: .rankmeShare)
    try c.encode(rankmeCenteredShare, forKey: .rankmeCenteredShare)
    try c.encode(effectiveRankShare, forKey: .effectiveRankShare)
    try c.encode(collapseStdScaled, forKey: .collapseStdScaled)
    try c.encode(deadFeatures, forKey: .deadFeatures)
    try c.encode(discriminativeCount, forKey: .discriminativeCount)
    try c.encode(dsetSource, forKey: .dsetSource)
    try c.encode(qMean, forKey: .qMean)
    try c.encode(emptyCount, forKey: .emptyCount)
    try c.encode(emptyShare, forKey: .emptyShare)
    try c.encodeIfPresent(knnAccuracy, forKey: .knnAccuracy)
    try c.encodeIfPresent(probeAccuracy, forKey: .probeAccuracy)
    try c.encodeIfPresent(qAuroc, forKey: .qAuroc)
    try c.encodeIfPresent(qAuprcCorrect, forKey: .qAuprcCorrect)
    try c.encodeIfPresent(compressibleFraction, forKey: .compressibleFraction)
    try c.encode(warnings, forKey: .warnings)
    try c.encode(spectrum, forKey: .spectrum)
  }
}

/// Representations of the same samples side by side: spectra, Q-Score, and with labels
/// kNN and linear-probe accuracy, Q's AUROC/AUPRC for the probe's mistakes and the
/// compressible fraction; the best value of each ranked column marked
/// (``ComparisonColumn`` says which are ranked and why).
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

  /// The ranked columns as the comparison figure draws them: each one's title and every
  /// row's value (each on a [0, 1] scale, larger is better).
  public var rankedValues: [(title: String, values: [Double?])] {
    columns.filter { $0.preference == .higher }.map { column in (column.title, rows.map(column.value)) }
  }

  /// For each of ``rankedValues``' columns, each row's 95% interval where the paired tests
  /// measured one (Wilson for the accuracies, DeLong for Q's AUROC), else `nil`.
  public var rankedIntervals: [[ConfidenceInterval?]] {
    columns.filter { $0.preference == .higher }.map { column in
      rows.indices.map { index in
        guard let path = column.interval, let entries = pairedTests?.representations, entries.indices.contains(index) else { return nil }
        return entries[index][keyPath: path]?.interval
      }
    }
  }

  /// Every representation's warnings as `name: message; suggestion` lines, in row order.
  public var warningLines: [String] {
    rows.flatMap { row in row.warnings.map { "\(row.name): \($0.message); \($0.suggestion)" } }
  }
}
