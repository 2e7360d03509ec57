// ssl-quality · ProbeAnalysis.swift — linear evaluation of a representation: fit on train, evaluate on test.

import Foundation
import SSLQuality
import SSLQualityIO

/// Trains a probe (``ProbeProtocol``: L-BFGS logistic regression, SGD or weighted kNN) on
/// a train split and evaluates it on a test split. Rows holding NaN or ±∞ are left out of
/// the fit and of the accuracy (or refused with ``strict``).
public struct ProbeAnalysis: Analysis {
  /// Train embeddings and labels, test embeddings and labels: `path`, `path.npz:key` or
  /// `path.safetensors:name`.
  public var train: String, trainLabels: String, test: String, testLabels: String
  public var probe: ProbeProtocol
  /// Test sample ids, one per line in row order.
  public var ids: String?
  /// Refuse rows holding NaN or ±∞ instead of leaving them out.
  public var strict = false

  public init(train: String, trainLabels: String, test: String, testLabels: String, probe: ProbeProtocol) {
    (self.train, self.trainLabels, self.test, self.testLabels) = (train, trainLabels, test, testLabels)
    self.probe = probe
  }

  /// The result and the per-row predictions behind it.
  public struct Outcome: AnalysisOutcome {
    public var result: ProbeResult
    /// Test rows (all of them, in input order).
    public var testRows: Int
    /// The true test labels, every row.
    public var truth: [Int]
    /// The predicted label of every test row; -1 (no class) for rows left out.
    public var predicted: [Int]
    /// The class scores (probabilities, or kNN vote weights) of every test row, row-major
    /// `testRows × classes`; NaN for rows left out.
    public var classScores: [Float]
    public var classes: Int
    /// The `ids` lines, when given.
    public var sampleIDs: [String]?
    /// Why L-BFGS stopped (logreg only).
    public var stop: LBFGS.Stop?
  }

  /// Loads both splits, fits and predicts.
  ///
  /// - Throws: ``InputError`` for unreadable or mismatched files.
  public func run(context: ExecutionContext, notices: NoticeSink) throws -> Outcome {
    let started = Date()
    let testMatrix = try ArrayFile.matrix(test)
    let allTruth = try ArrayFile.labels(testLabels, matchingRows: testMatrix.rows, of: testMatrix.array.name)
    let sampleIDs = try ids.map { try SampleIDs.read($0, rows: testMatrix.rows, of: testMatrix.array.name) }
    let inputs = try ProbeInputs.load(
      train: train, trainLabels: trainLabels, test: testMatrix, testLabels: allTruth, testLabelsName: testLabels,
      nonFinite: NonFiniteRowPolicy(strict: strict, notices: notices), context: context)
    let excluded = inputs.excludedTest
    let truth = excluded.removing(from: allTruth)
    let run = ProbeRun.fit(probe, inputs, context: context, notices: notices)
    let (top1, top5) = run.predictions.accuracy(truth)
    let correct = zip(run.predictions.labels, truth).count { $0 == $1 }
    // Rows left out for NaN or Inf are predicted -1 (no class), never class 0.
    var predicted = [Int](repeating: -1, count: excluded.rows)
    for (k, row) in excluded.kept.enumerated() { predicted[row] = run.predictions.labels[k] }
    let scores = run.predictions.scores, classes = scores.columns
    var values = [Float](repeating: .nan, count: excluded.rows * classes)
    scores.withView { p in
      for (k, row) in excluded.kept.enumerated() {
        for c in 0..<classes { values[row * classes + c] = p[k * classes + c] }
      }
    }
    let result = ProbeResult(
      settings: ProbeSettings(probe), fit: ProbeFit(run),
      evaluation: ProbeEvaluation(
        accuracy: top1, accuracyInterval: WilsonInterval(successes: correct, trials: truth.count).map { IntervalJSON($0.interval, method: .wilson) },
        top5: top5, classes: inputs.classes, trainSamples: inputs.train.rows, testSamples: inputs.test.rows,
        excludedTestRows: excluded.count, features: inputs.train.columns, evaluations: run.evaluations, objective: run.objective,
        seconds: Date().timeIntervalSince(started),
        warnings: AnalysisWarning.probe(accuracy: top1, labels: ClassCounts(truth)).map(\.reported)))
    return Outcome(result: result, testRows: excluded.rows, truth: allTruth, predicted: predicted, classScores: values, classes: classes, sampleIDs: sampleIDs,
      stop: run.stop)
  }
}

/// The result of ``ProbeAnalysis`` (the `probe --json` document): the protocol and its
/// knobs, how the fit ended, and the evaluation, in one JSON object.
public struct ProbeResult: Codable, Sendable, Equatable {
  public var settings: ProbeSettings
  public var fit: ProbeFit
  public var evaluation: ProbeEvaluation

  public init(settings: ProbeSettings, fit: ProbeFit, evaluation: ProbeEvaluation) {
    (self.settings, self.fit, self.evaluation) = (settings, fit, evaluation)
  }

  public init(from decoder: any Decoder) throws {
    settings = try ProbeSettings(from: decoder)
    fit = try ProbeFit(from: decoder)
    evaluation = try ProbeEvaluation(from: decoder)
  }

  public func encode(to encoder: any Encoder) throws {
    try settings.encode(to: encoder)
    try fit.encode(to: encoder)
    try evaluation.encode(to: encoder)
  }
}

/// What ``ProbeAnalysis`` measured: top-1 accuracy on the finite test rows with its 95%
/// Wilson interval (``WilsonInterval``; `null` without test rows), top-5 accuracy, the
/// sizes involved, the objective's evaluations and final value (`null` where the method
/// has none), the run time and warnings.
public struct ProbeEvaluation: Codable, Sendable, Equatable {
  @FiniteOrNull public var accuracy: Double
  @NullWhenAbsent public var accuracyInterval: IntervalJSON?
  @FiniteOrNull public var top5: Double
  public var classes: Int, trainSamples: Int, testSamples: Int, excludedTestRows: Int, features: Int
  @NullWhenAbsent public var evaluations: Int?
  @NullWhenAbsent public var objective: Double?
  public var seconds: Double
  public var warnings: [ReportedWarning]

  /// After the settings and the fit in a flattened object.
  enum CodingKeys: String, OrderedCodingKey {
    case accuracy, accuracyInterval = "accuracy_interval", top5, classes, trainSamples = "train_samples", testSamples = "test_samples", features
    case excludedTestRows = "excluded_test_rows", evaluations, objective, seconds, warnings
    static var firstPosition: Int { 40 }
  }

  public init(
    accuracy: Double, accuracyInterval: IntervalJSON?, top5: Double, classes: Int, trainSamples: Int, testSamples: Int, excludedTestRows: Int,
    features: Int, evaluations: Int?, objective: Double?, seconds: Double, warnings: [ReportedWarning]
  ) {
    self.accuracyInterval = accuracyInterval
    (self.accuracy, self.top5, self.classes, self.trainSamples, self.testSamples) = (accuracy, top5, classes, trainSamples, testSamples)
    (self.excludedTestRows, self.features, self.evaluations, self.objective) = (excludedTestRows, features, evaluations, objective)
    (self.seconds, self.warnings) = (seconds, warnings)
  }
}
