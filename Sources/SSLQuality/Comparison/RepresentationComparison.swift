// ssl-quality · RepresentationComparison.swift — several representations of the same samples, one row each.

import Foundation

/// One representation's row of a comparison. Label-free values are always present; the
/// others need `--train`, `--train-labels` and `--test-labels`.
public struct ComparisonRow: Sendable, Equatable, Codable {
  public var name: String
  public var samples: Int
  public var features: Int
  public var rankme: Double
  public var rankmeCentered: Double
  public var alpha: Double?
  public var effectiveRank: Double
  public var collapseStd: Double
  public var deadFeatures: Int
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

  enum CodingKeys: String, CodingKey {
    case name, samples, features, rankme, alpha, spectrum
    case rankmeCentered = "rankme_centered", effectiveRank = "effective_rank", collapseStd = "collapse_std"
    case deadFeatures = "dead_features", discriminativeCount = "discriminative_count", qMean = "q_mean"
    case emptyShare = "empty_share", knnAccuracy = "knn_accuracy", probeAccuracy = "probe_accuracy", qAuroc = "q_auroc"
    case qAuprcCorrect = "q_auprc_correct", compressibleFraction = "compressible_fraction"
  }

  /// The value of the column with JSON key `key`.
  public func value(_ key: String) -> Double? {
    switch key {
    case "rankme": rankme
    case "rankme_centered": rankmeCentered
    case "alpha": alpha
    case "effective_rank": effectiveRank
    case "collapse_std": collapseStd
    case "discriminative_count": Double(discriminativeCount)
    case "q_mean": qMean
    case "empty_share": emptyShare
    case "knn_accuracy": knnAccuracy
    case "probe_accuracy": probeAccuracy
    case "q_auroc": qAuroc
    case "q_auprc_correct": qAuprcCorrect
    case "compressible_fraction": compressibleFraction
    default: nil
    }
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

  enum CodingKeys: String, CodingKey {
    case epsilon, band, columns, rows
    case alphaRange = "alpha_range"
  }

  /// Rows in input order; columns that no row has a value for are dropped, the others get
  /// their best rows marked.
  public init(epsilon: Double, band: ClosedRange<Double>, alphaRange: ClosedRange<Int>, rows: [ComparisonRow]) {
    self.epsilon = epsilon
    self.band = [band.lowerBound, band.upperBound]
    self.alphaRange = [alphaRange.lowerBound, alphaRange.upperBound]
    self.rows = rows
    columns = ComparisonColumn.all.compactMap { column in
      let values = rows.map { $0.value(column.key) }
      guard values.contains(where: { $0 != nil }) else { return nil }
      var marked = column
      marked.markBest(values)
      return marked
    }
  }
}

/// The labelled part of a comparison: train embeddings of each representation and the labels.
public struct ComparisonLabels: Sendable {
  public var train: Matrix
  public var trainLabels: [Int]
  public var testLabels: [Int]

  public init(train: Matrix, trainLabels: [Int], testLabels: [Int]) {
    self.train = train
    self.trainLabels = trainLabels
    self.testLabels = testLabels
  }
}

extension ComparisonRow {
  /// Measures one representation: spectrum (given), Q-Score at `epsilon`/`band` and, with
  /// `labels`, kNN (`knn`), the logistic-regression probe (`probe`; its predictions decide
  /// which samples are misclassified), and the compression sweep over `fractions`.
  public static func measure(
    name: String, test: Matrix, spectrum: SpectrumResult, epsilon: Double, band: ClosedRange<Double>, labels: ComparisonLabels?,
    knn: KNNClassifier, probe: LogisticRegressionProbe, fractions: [Double], seeds: Int, context: ExecutionContext
  ) -> ComparisonRow {
    let profile = ActivationProfile.measure(test, epsilon: epsilon, name: name, context: context)
    let discriminative = DiscriminativeFeatures(frequencies: profile.activationFrequency, band: band)
    let q = QScores(profile: profile, discriminative: discriminative, normalization: .none, context: context)
    let finite = q.values.filter { !$0.isNaN }
    var row = ComparisonRow(
      name: name, samples: test.rows, features: test.columns, rankme: spectrum.rankme, rankmeCentered: spectrum.rankmeCentered,
      alpha: spectrum.alpha, effectiveRank: spectrum.effectiveRank, collapseStd: spectrum.collapseStd,
      deadFeatures: spectrum.deadFeatures, discriminativeCount: discriminative.count,
      qMean: finite.isEmpty ? .nan : finite.reduce(0, +) / Double(finite.count),
      emptyShare: profile.finiteSamples > 0 ? Double(q.emptyCount) / Double(profile.finiteSamples) : .nan, spectrum: spectrum)
    guard let labels else { return row }
    let knnRun = ProbeProtocol.knn(knn).run(train: labels.train, trainLabels: labels.trainLabels, test: test, context: context)
    row.knnAccuracy = accuracy(knnRun.predictions.labels, labels.testLabels)
    let probeRun = ProbeProtocol.logisticRegression(probe).run(train: labels.train, trainLabels: labels.trainLabels, test: test, context: context)
    let correct = zip(probeRun.predictions.labels, labels.testLabels).map { $0 == $1 }
    row.probeAccuracy = accuracy(probeRun.predictions.labels, labels.testLabels)
    let report = MisclassificationReport(correct: correct, scores: [.q: q.values])
    if let metrics = report.scores.first(where: { $0.score == .q }) {
      row.qAuroc = metrics.auroc
      row.qAuprcCorrect = metrics.auprcCorrect
    }
    let trainProfile = ActivationProfile.measure(labels.train, epsilon: epsilon, name: name + " train", context: context)
    let sweep = CompressionSweep(
      fractions: fractions, seeds: seeds, probe: probe,
      discriminative: DiscriminativeFeatures(frequencies: trainProfile.activationFrequency, band: band), train: labels.train,
      context: context)
    let curve = sweep.run(train: labels.train, trainLabels: labels.trainLabels, test: test, testLabels: labels.testLabels, context: context)
    row.compressibleFraction = CompressionSweep.compressibleFraction(curve.points, full: curve.full)?.fraction
    return row
  }

  private static func accuracy(_ predicted: [Int], _ truth: [Int]) -> Double {
    truth.isEmpty ? .nan : Double(zip(predicted, truth).count { $0 == $1 }) / Double(truth.count)
  }
}
