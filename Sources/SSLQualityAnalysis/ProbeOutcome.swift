// ssl-quality · ProbeOutcome.swift — what a probe predicted for each evaluated row, and whether it was right.

import SSLQuality
import SSLQualityIO

/// Labels, predictions and probabilities for the evaluated rows, checked against each other.
public struct ProbeOutcome: Sendable {
  /// True and predicted labels, and whether they agree, per row.
  public var labels: [Int], predictions: [Int]
  public var correct: [Bool]
  /// Largest class probability per row, when probabilities were given.
  public var maximumProbability: [Double]?

  public init(labels: [Int], predictions: [Int], maximumProbability: [Double]?) {
    self.labels = labels
    self.predictions = predictions
    correct = zip(labels, predictions).map { $0 == $1 }
    self.maximumProbability = maximumProbability
  }

  /// A fitted probe's predictions; class scores are normalised to sum to one (kNN votes).
  public init(predictions: ProbePredictions, truth: [Int]) {
    labels = truth
    self.predictions = predictions.labels
    correct = zip(predictions.labels, truth).map { $0 == $1 }
    maximumProbability = predictions.scores.withView { scores in
      (0..<scores.rows).map { i in
        let row = scores.rowRange(i..<(i + 1))
        let total = row.reduce(0, +)
        return total > 0 ? Double(row.max() ?? 0) / Double(total) : .nan
      }
    }
  }

  /// The outcome of rows `kept` of all rows (`truth`), the others predicted -1 (a miss)
  /// without a score.
  public func expanded(truth: [Int], kept: [Int]) -> ProbeOutcome {
    guard kept.count != truth.count else { return self }
    var predicted = [Int](repeating: -1, count: truth.count)
    var maximum = maximumProbability.map { _ in [Double](repeating: .nan, count: truth.count) }
    for (k, row) in kept.enumerated() {
      predicted[row] = predictions[k]
      maximum?[row] = maximumProbability?[k] ?? .nan
    }
    return ProbeOutcome(labels: truth, predictions: predicted, maximumProbability: maximum)
  }

  /// Reads and checks the files; `nil` when no labels were given.
  public static func read(labels: String?, predictions: String?, probabilities: String?, rows: Int, of name: String) throws -> ProbeOutcome? {
    guard let labels, let predictions else { return nil }
    let truth = try ArrayFile.labels(labels, matchingRows: rows, of: name)
    let predictionArray = try ArrayFile.open(predictions, expecting: .labels(rows: rows, of: name))
    let predicted = try predictionArray.labels(matchingRows: rows, of: name)
    var maximum: [Double]?
    if let probabilities {
      let matrix = try ArrayFile.matrix(probabilities)
      guard matrix.rows == rows else {
        throw InputError(matrix.array.name, "has \(matrix.rows) rows but \(name) has \(rows)")
      }
      if let bad = predicted.firstIndex(where: { $0 < 0 || $0 >= matrix.columns }) {
        throw InputError(
          predictionArray.name, "prediction \(predicted[bad]) at index \(bad) is out of range for \(matrix.columns) classes in \(matrix.array.name)")
      }
      let columns = matrix.columns
      // Every column of every row is checked: finite and within [0, 1].
      let values = matrix.load(context: .serial)
      try values.withView { p in
        if let bad = p.firstIndex(where: { !($0 >= 0 && $0 <= 1) }) {
          throw InputError(
            matrix.array.name,
            "probability \(p[bad]) at row \(bad / columns), column \(bad % columns) is not a number in [0, 1]")
        }
      }
      maximum = values.withView { p in (0..<rows).map { row in Double(p.rowRange(row..<(row + 1)).max() ?? .nan) } }
    }
    return ProbeOutcome(labels: truth, predictions: predicted, maximumProbability: maximum)
  }
}
