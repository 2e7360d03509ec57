// ssl-quality · CompareAnalysis.swift — several representations of the same samples, side by side.

import Foundation
import SSLQuality
import SSLQualityFinetune
import SSLQualityIO

/// ``RepresentationComparison`` of several embeddings files of the same samples: each
/// one's spectrum and Q-Score, and — given a train split per representation, its labels and
/// the test labels — kNN and linear-probe accuracy, AUPRC/AUROC of Q and compressibility;
/// with each representation, the warnings `score` and `probe` would give it. Each
/// representation's `Dset` follows the one rule of ``DiscriminativeFit``: its
/// `--discriminative-from` file, else its train split, else its test split.
public struct CompareAnalysis: Analysis {
  /// The representations (test split), all with the same rows.
  public var embeddings: [String]
  /// Their names (default: the file names).
  public var names: [String]?
  /// One train split per representation, the train labels and the test labels.
  public var train: [String] = [], trainLabels: String?, testLabels: String?
  /// One matrix per representation to fit its `Dset` on (empty: the rule's default).
  public var discriminativeFrom: [String] = []
  public var epsilon = 4.0
  public var band: ClosedRange<Double> = 50...95
  public var alphaRange = SpectralMeasures.defaultAlphaRange
  /// Kept fractions of the compressibility column.
  public var fractions: [Double] = (1...10).map { Double($0) / 10 }
  /// Refuse rows holding NaN or ±∞ instead of leaving them out.
  public var strict = false
  /// The representation the paired tests compare every other with (a name; default the first).
  public var baseline: String?

  public init(embeddings: [String]) { self.embeddings = embeddings }

  /// Rows holding NaN or ±∞ in any representation are left out of all of them (and of the
  /// test labels), so every column compares the same samples; under ``strict`` they are
  /// refused.
  ///
  /// - Throws: ``InputError`` for unreadable files or representations of different samples.
  public func run(context: ExecutionContext, notices: NoticeSink) throws -> RepresentationComparison {
    let policy = NonFiniteRowPolicy(strict: strict, notices: notices)
    let labels = names ?? embeddings.map { (ArrayFile.split($0).path as NSString).lastPathComponent }
    if !discriminativeFrom.isEmpty, discriminativeFrom.count != embeddings.count {
      throw InputError(discriminativeFrom[0], "is one of \(discriminativeFrom.count) Dset files for \(embeddings.count) representations; give one per representation")
    }
    let baselineIndex = try baseline.map { name in
      guard let index = labels.firstIndex(of: name) else {
        throw InputError("--baseline", "\(name) names no representation (they are \(labels.joined(separator: ", ")))")
      }
      return index
    } ?? 0
    let sources = try embeddings.map { try ArrayFile.matrix($0) }
    for source in sources.dropFirst() where source.rows != sources[0].rows {
      throw InputError(source.array.name, "has \(source.rows) rows but \(sources[0].array.name) has \(sources[0].rows); compare needs the same samples")
    }
    // Each spectrum's memory is checked before any matrix is read.
    for source in sources { try SpectrumAnalysis.checkMemory(source) }
    let allTruth = try testLabels.map { try ArrayFile.labels($0, matchingRows: sources[0].rows, of: sources[0].array.name) }
    // One matrix loaded at a time: first to find the offending rows, then to measure.
    let left = try policy.leaveOut(paired: sources.map { ($0.array.name, NonFiniteRows($0.load(context: context))) })
    guard left.count < left.rows else { throw InputError(sources[0].array.name, "no row is free of NaN and Inf in every representation") }
    let testTruth = allTruth.map { left.removing(from: $0) }
    var rows: [ComparisonRow] = []
    var measured: [RepresentationEvaluation.Measurement] = []
    for (index, source) in sources.enumerated() {
      let test = left.removing(from: source.load(context: context))
      let (spectrum, _) = try SpectrumResult.measure(test, alphaRange: alphaRange, name: source.array.name, context: context)
      context.report(.finished)
      var inputs: ProbeInputs?
      if let trainLabels, let testLabels, let allTruth {
        inputs = try ProbeInputs.load(
          train: train[index], trainLabels: trainLabels, test: source, testLabels: allTruth, testLabelsName: testLabels, nonFinite: policy,
          noticeTest: false, context: context)
      }
      let dset = try DiscriminativeFit.choose(
        discriminativeFrom: discriminativeFrom.isEmpty ? nil : discriminativeFrom[index], train: inputs.map { (train[index], $0.train) },
        analysed: source.array.name, features: source.columns)
      let measurement = try RepresentationEvaluation.measure(
        evaluated: test, name: source.array.name, dset: dset, train: inputs?.train, trainLabels: inputs?.trainLabels, testLabels: testTruth,
        epsilon: epsilon, band: band, context: context)
      measured.append(measurement)
      let discriminative = measurement.discriminative
      let compressible = inputs.flatMap { inputs in
        testTruth.flatMap { compressibleFraction(discriminative, inputs: inputs, test: test, testLabels: $0, context: context) }
      }
      rows.append(
        ComparisonRow(
          name: labels[index], evaluation: measurement.evaluation, compressibleFraction: compressible, spectrum: spectrum, testLabels: testTruth))
    }
    var comparison = RepresentationComparison(epsilon: epsilon, band: band, alphaRange: alphaRange, rows: rows)
    comparison.pairedTests = ComparisonPairedTests(names: labels, measured: measured, baseline: baselineIndex)
    return comparison
  }

  /// The smallest kept fraction of ``fractions`` (features ranked by the representation's
  /// `Dset`) whose L-BFGS probe is within 1 point of all features' accuracy
  /// (``CompressionSweep``, without random rankings).
  private func compressibleFraction(
    _ discriminative: DiscriminativeFeatures, inputs: ProbeInputs, test: Matrix, testLabels: [Int], context: ExecutionContext
  ) -> Double? {
    let sweep = CompressionSweep(
      fractions: fractions, seeds: 0, probe: LogisticRegressionProbe(), discriminative: discriminative, train: inputs.train, context: context)
    let curve = sweep.run(train: inputs.train, trainLabels: inputs.trainLabels, test: test, testLabels: testLabels, context: context)
    return CompressionSweep.compressibleFraction(curve.points, full: curve.full)?.fraction
  }
}

extension RepresentationComparison: AnalysisOutcome {
  public var result: RepresentationComparison { self }
}
