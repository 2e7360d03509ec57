// ssl-quality · CalibrateAnalysis.swift — Q-Score at several ε from one pass, and a recommended ε.

import SSLQuality
import SSLQualityIO

/// ``EpsilonCalibration`` of an embeddings file: at each ε exactly the numbers of
/// ``ScoreAnalysis`` at that ε (`Dset` fitted by the same rule, ``DiscriminativeFit``),
/// and — given labels and a probe's predictions, or a train split to fit the probe on —
/// AUPRC and AUROC of Q per ε.
public struct CalibrateAnalysis: Analysis {
  /// Embeddings: `path`, `path.npz:key`, `path.safetensors:name` or `path.pth:key`.
  public var embeddings: String
  public var epsilons = EpsilonCalibration.defaultEpsilons
  public var band: ClosedRange<Double> = 50...95
  public var normalization = QScoreNormalization.none
  /// Fit `Dset` on this matrix (default: `train` when given, else `embeddings`).
  public var discriminativeFrom: String?
  /// Labels of the rows and a probe's predictions for them.
  public var labels: String?, predictions: String?
  /// Or: a train split to fit `probe` on, predicting the rows.
  public var train: String?, trainLabels: String?
  public var probe: ProbeProtocol = .logisticRegression(LogisticRegressionProbe())
  /// Refuse rows holding NaN or ±∞ instead of leaving them out.
  public var strict = false

  public init(embeddings: String) { self.embeddings = embeddings }

  /// The calibration and the file's name.
  public struct Outcome: AnalysisOutcome {
    public var result: CalibrateResult
    public var source: String
  }

  /// Rows holding NaN or ±∞ are left out of every ε with a notice, or refused under ``strict``.
  ///
  /// - Throws: ``InputError`` for unreadable or mismatched files, or such rows with ``strict``.
  public func run(context: ExecutionContext, notices: NoticeSink) throws -> Outcome {
    let policy = NonFiniteRowPolicy(strict: strict, notices: notices)
    let source = try ArrayFile.matrix(embeddings)
    let inputs = try train.map { train in
      try ProbeInputs.load(
        train: train, trainLabels: trainLabels ?? "", test: source, testLabels: nil, testLabelsName: nil, nonFinite: policy, noticeTest: false,
        context: context)
    }
    let correct = try correctness(source, inputs: inputs, context: context, notices: notices)
    let dset = try DiscriminativeFit.choose(
      discriminativeFrom: discriminativeFrom, train: inputs.flatMap { inputs in train.map { ($0, inputs.train) } },
      analysed: source.array.name, features: source.columns)
    let fitted = dset.frequencies(epsilons: epsilons, context: context)
    var finiteRows = source.rows
    let calibration = try EpsilonCalibration.measure(
      source, epsilons: epsilons, band: band, normalization: normalization, correct: correct, name: source.array.name,
      fitted: fitted?.frequencies, context: context
    ) { rows in
      finiteRows = rows.rows - rows.count
      try policy.leaveOut(rows, of: source.array.name)
    }
    context.report(.finished)
    let dsetSource = fitted?.source ?? DiscriminativeSource(rule: .analysed, path: source.array.name, samples: finiteRows)
    return Outcome(result: CalibrateResult(calibration: calibration, dsetSource: dsetSource), source: source.array.name)
  }

  /// Whether the probe classified each row correctly: from `predictions`, or from a probe fitted on the train split.
  private func correctness(_ source: StoredMatrix, inputs: ProbeInputs?, context: ExecutionContext, notices: NoticeSink) throws -> [Bool]? {
    guard let inputs, let labels else {
      return try ProbeOutcome.read(labels: labels, predictions: predictions, probabilities: nil, rows: source.rows, of: source.array.name)?.correct
    }
    let truth = try ArrayFile.labels(labels, matchingRows: source.rows, of: source.array.name)
    let kept = inputs.excludedTest.kept
    return ProbeOutcome(predictions: ProbeRun.fit(probe, inputs, context: context, notices: notices).predictions, truth: kept.map { truth[$0] })
      .expanded(truth: truth, kept: kept).correct
  }
}
