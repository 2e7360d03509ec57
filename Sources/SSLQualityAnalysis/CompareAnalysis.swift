// ssl-quality · CompareAnalysis.swift — several representations of the same samples, side by side.

import Foundation
import SSLQuality
import SSLQualityIO

/// ``RepresentationComparison`` of several embeddings files of the same samples: each
/// one's spectrum and Q-Score, and — given a train split per representation, its labels and
/// the test labels — kNN and linear-probe accuracy, AUPRC/AUROC of Q and compressibility.
public struct CompareAnalysis: Sendable {
  /// The representations (test split), all with the same rows.
  public var embeddings: [String]
  /// Their names (default: the file names).
  public var names: [String]?
  /// One train split per representation, the train labels and the test labels.
  public var train: [String] = [], trainLabels: String?, testLabels: String?
  public var epsilon = 4.0
  public var band: ClosedRange<Double> = 50...95
  public var alphaRange = SpectralMeasures.defaultAlphaRange
  /// Kept fractions of the compressibility column.
  public var fractions: [Double] = (1...10).map { Double($0) / 10 }

  public init(embeddings: [String]) { self.embeddings = embeddings }

  /// - Throws: ``InputError`` for unreadable files or representations of different samples.
  public func run(context: ExecutionContext, notices: NoticeSink) throws -> RepresentationComparison {
    let policy = NonFiniteRowPolicy(strict: false, notices: notices)
    let labels = names ?? embeddings.map { (ArrayFile.split($0).path as NSString).lastPathComponent }
    let sources = try embeddings.map { try ArrayFile.matrix($0) }
    for source in sources.dropFirst() where source.rows != sources[0].rows {
      throw InputError(source.array.name, "has \(source.rows) rows but \(sources[0].array.name) has \(sources[0].rows); compare needs the same samples")
    }
    let testTruth = try testLabels.map { try ArrayFile.labels($0, matchingRows: sources[0].rows, of: sources[0].array.name) }
    var rows: [ComparisonRow] = []
    for (index, source) in sources.enumerated() {
      let (spectrum, _) = try SpectrumAnalysis.measure(source, alphaRange: alphaRange, policy: policy, context: context)
      var labelled: ComparisonLabels?
      if let trainLabels, let testTruth, let testLabels {
        let inputs = try ProbeInputs.load(
          train: train[index], trainLabels: trainLabels, test: source, testLabels: testTruth, testLabelsName: testLabels, nonFinite: policy,
          context: context)
        labelled = ComparisonLabels(train: inputs.train, trainLabels: inputs.trainLabels, testLabels: testTruth)
      }
      rows.append(ComparisonRow.measure(
        name: labels[index], test: source.load(context: context), spectrum: spectrum, epsilon: epsilon, band: band, labels: labelled,
        knn: KNNClassifier(), probe: LogisticRegressionProbe(), fractions: fractions, seeds: 0, context: context))
    }
    return RepresentationComparison(epsilon: epsilon, band: band, alphaRange: alphaRange, rows: rows)
  }
}
