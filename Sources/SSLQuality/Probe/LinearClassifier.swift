// ssl-quality · LinearClassifier.swift — a fitted linear probe and its predictions.

import Foundation

/// A fitted softmax linear classifier: optional standardisation, weights `W` (`K × D`),
/// intercepts `b`, and the label encoding.
public struct LinearClassifier: Sendable {
  public let encoding: LabelEncoding
  public let standardizer: Standardizer?
  /// `W` row-major then `b`, as ``SoftmaxObjective`` lays them out.
  public let parameters: [Double]
  public let features: Int

  public init(encoding: LabelEncoding, standardizer: Standardizer?, parameters: [Double], features: Int) {
    self.encoding = encoding
    self.standardizer = standardizer
    self.parameters = parameters
    self.features = features
  }

  /// Class probabilities (`N × K`, softmax of the logits) for `matrix`.
  public func probabilities(_ matrix: Matrix, context: ExecutionContext) -> Matrix {
    precondition(matrix.columns == features, "classifier fitted on \(features) features")
    var z: Matrix
    if let standardizer, !standardizer.allowsOnTheFly {
      let standardized = standardizer.transform(matrix, context: context)
      z = SoftmaxObjective.logits(standardized, parameters, classes: encoding.count, context: context)
    } else {  // no standardised copy of the matrix (see SoftmaxObjective)
      z = SoftmaxObjective.logits(matrix, parameters, classes: encoding.count, standardization: standardizer, context: context)
    }
    z.softmaxRows()
    return z
  }
}

/// Predictions of a probe on an evaluation set, in original label ids.
public struct ProbePredictions: Sendable {
  /// Top-1 predicted labels.
  public let labels: [Int]
  /// The five highest-ranked labels per sample (fewer when there are fewer classes).
  public let top5: [[Int]]
  /// Class scores per sample (`N × K`): probabilities for linear probes, vote weights for kNN.
  public let scores: Matrix

  /// Ranks `scores` (`N × K`, class index order) per row; ties go to the lower class index.
  public init(scores: Matrix, encoding: LabelEncoding) {
    self.scores = scores
    var labels: [Int] = [], top5: [[Int]] = []
    for i in 0..<scores.rows {
      let row = scores.row(i)
      let order = row.indices.sorted { row[$0] != row[$1] ? row[$0] > row[$1] : $0 < $1 }
      labels.append(encoding.classes[order[0]])
      top5.append(order.prefix(5).map { encoding.classes[$0] })
    }
    self.labels = labels
    self.top5 = top5
  }

  /// Per sample, whether the top-1 label is `truth`'s: what paired tests of two probes on
  /// the same samples (``McNemarTest``) and intervals on the accuracy (``WilsonInterval``) use.
  public func correctness(_ truth: [Int]) -> [Bool] {
    precondition(truth.count == labels.count, "one label per prediction")
    return zip(labels, truth).map { $0 == $1 }
  }

  /// The share of `true` in `correct` (the top-1 accuracy of ``correctness(_:)``, bit for
  /// bit; NaN when empty).
  public static func accuracy(_ correct: [Bool]) -> Double {
    guard !correct.isEmpty else { return .nan }
    return Double(correct.count { $0 }) / Double(correct.count)
  }

  /// Top-1 and top-5 accuracy against `truth`.
  public func accuracy(_ truth: [Int]) -> (top1: Double, top5: Double) {
    precondition(truth.count == labels.count, "one label per prediction")
    guard !truth.isEmpty else { return (.nan, .nan) }
    let top1 = zip(labels, truth).count { $0 == $1 }
    let inTop5 = zip(top5, truth).count { $0.contains($1) }
    return (Double(top1) / Double(truth.count), Double(inTop5) / Double(truth.count))
  }
}
