// ssl-quality · ScoreCommand.swift — `ssl-quality score EMB`, the main job.

import ArgumentParser
import Foundation
import SSLQuality
import SSLQualityIO
import SSLQualityReport

/// Scores every sample's representation (Q-Score) and, given labels and a probe's
/// predictions, how well the scores predict the probe's mistakes.
struct ScoreCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "score",
    abstract: "Q-Score every sample; with labels, predict linear-probe mistakes (AUPRC, AUROC).",
    discussion: """
      Reads EMB once (row blocks on all cores; memory beyond the per-sample outputs does not \
      grow with N). Q_i is the mean of h_ij − μ_i over the sample's highly-active \
      discriminative features, 0 when there are none. With --labels and --predictions (and \
      --probabilities for the msp baseline), reports the probe's accuracy (the base rate) and, \
      for q, msp, l1 and max_z, auprc_correct, auprc_misclassified and auroc.
      """)

  @Argument(help: "Embeddings to score (N × D): path, path.npz:key or path.safetensors:name.")
  var embeddings: String

  @OptionGroup var analysis: AnalysisOptions

  @Option(help: "Scale each term: none (h − μ) or zscore ((h − μ) / σ).")
  var normalize: QScoreNormalization = .none

  @Option(help: "Fit Dset on this matrix (default: the --train split when given, else EMB itself).")
  var discriminativeFrom: String?

  @Option(help: "Labels of EMB's rows (1-D integers), for misclassification prediction.")
  var labels: String?

  @Option(help: "A linear probe's predicted labels for EMB's rows (1-D integers).")
  var predictions: String?

  @Option(help: "Train embeddings: fit the probe (--method etc.) on them and predict EMB.")
  var train: String?

  @Option(help: "Labels of the --train rows.")
  var trainLabels: String?

  @OptionGroup(title: "Probe (with --train)") var probe: ProbeOptions

  @Option(help: "The probe's class probabilities for EMB's rows (N × C), for the msp baseline.")
  var probabilities: String?

  @Option(help: "Write per-sample Q-Scores in input order (.npy float32 or .csv).")
  var scoresOut: String?

  @Option(help: "Sample ids, one per line in EMB's row order (e.g. image paths), for --table, --lowest and --scores-out .csv.")
  var ids: String?

  @Option(help: "Write one CSV row per sample: id, label, prediction, correct, q, qz, msp, l1, max_z, active (|L_i|), active_in_dset (|L_i ∩ Dset|).")
  var table: String?

  @Option(help: "List the K lowest-Q samples (ties in row order).")
  var lowest: Int?

  @OptionGroup(title: "Figure (Q = 0 share, Q > 0 histogram, precision-recall of every score)") var figure: PlotOptions

  @OptionGroup var common: CommonOptions

  func validate() throws {
    if (train == nil) != (trainLabels == nil) { throw ValidationError("--train and --train-labels go together") }
    if train != nil, predictions != nil { throw ValidationError("give either --train (fit a probe) or --predictions, not both") }
    if labels != nil, predictions == nil, train == nil {
      throw ValidationError("--labels needs --predictions (a probe's predicted labels) or --train/--train-labels (fit one)")
    }
    if predictions != nil || train != nil, labels == nil { throw ValidationError("--predictions and --train need --labels") }
    if probabilities != nil, predictions == nil { throw ValidationError("--probabilities goes with --predictions") }
    if let scoresOut, !(scoresOut.hasSuffix(".npy") || scoresOut.hasSuffix(".csv")) {
      throw ValidationError("--scores-out must end in .npy or .csv, got \(scoresOut)")
    }
    if let lowest, lowest < 1 { throw ValidationError("--lowest must be at least 1, got \(lowest)") }
  }

  func run() throws {
    let started = Date()
    let outputs = try OutputSet([("--json-out", common.jsonOut), ("--scores-out", scoresOut), ("--plot", figure.plot)])
    let source = try ArrayFile.open(embeddings).matrix()
    let sampleIDs = try ids.map { try SampleIDs.read($0, rows: source.rows, of: source.array.name) }
    let probeContext = common.context("probe")
    let trainInputs = try train.map { train in
      // Rows of EMB holding NaN or Inf are left out of the probe and of every metric (or
      // refused with --strict); the pass below warns about them once.
      try ProbeInputs.load(
        train: train, trainLabels: trainLabels ?? "", test: source, testLabels: nil, testLabelsName: nil, strict: common.strict,
        warnAboutTest: false, context: probeContext)
    }
    let (outcome, probeRun) = try probeOutcome(source, trainInputs: trainInputs)
    let profile = try ActivationPass.run(source, epsilon: analysis.epsilon, strict: common.strict, context: common.context("score"))
    let (discriminative, dsetSource) = try fitDiscriminative(profile, source: source, trainInputs: trainInputs)
    let q = QScores(profile: profile, discriminative: discriminative, normalization: normalize, context: common.context("score"))
    var misclassification: MisclassificationReport?
    var warnings = AnalysisWarning.scoring(discriminativeCount: discriminative.count, empty: q.emptyCount, samples: profile.finiteSamples)
    if let outcome {
      // Rows left out for NaN or Inf (Q is NaN) count in no metric, accuracy included.
      let kept = q.values.indices.filter { !q.values[$0].isNaN }
      var scores = ["q": q.values, "l1": profile.l1Norm, "max_z": profile.maxZ]
      if let msp = outcome.maximumProbability { scores["msp"] = msp }
      let report = MisclassificationReport(
        correct: kept.map { outcome.correct[$0] }, scores: scores.mapValues { values in kept.map { values[$0] } })
      misclassification = report
      warnings += AnalysisWarning.probe(accuracy: report.accuracy, labels: ClassCounts(kept.map { outcome.labels[$0] }))
      if q.emptyCount < profile.finiteSamples, let metrics = report.scores.first(where: { $0.name == "q" }) {
        warnings += AnalysisWarning.prediction(auprcCorrect: metrics.auprcCorrect, auroc: metrics.auroc, accuracy: report.accuracy)
      }
    }
    let samples = table != nil || lowest != nil
      ? SampleTable(
        ids: sampleIDs, scores: SampleScores(profile: profile, discriminative: discriminative, msp: outcome?.maximumProbability, context: common.context("score")),
        outcome: outcome)
      : nil
    let report = ScoreReport(
      source: source.array.name, profile: profile, discriminative: discriminative, normalization: normalize,
      discriminativeFrom: discriminativeFrom, dsetSource: dsetSource, q: q, misclassification: misclassification, warnings: warnings,
      lowest: lowest.map { SampleScores.lowest($0, of: q.values) }, table: samples, probe: probeRun.map(probe.protocolJSON),
      seconds: Date().timeIntervalSince(started))
    if let scoresOut { try writeScores(q.values, ids: sampleIDs, to: scoresOut, in: outputs) }
    if let table, let samples { try outputs.write(samples.csv, to: table) }
    if let plot = figure.plot {
      let distribution = QScoreDistribution(q: q.values, correct: outcome?.correct)
      var subtitle = FigureSubtitle.of(file: source.array.name, samples: profile.samples, features: profile.features, epsilon: analysis.epsilon, band: analysis.band)
      subtitle += " · Dset fitted on \(dsetSource.path)"
      if let predictions { subtitle += " · predictions from \(predictions)" } else if let probeName { subtitle += " · \(probeName)" }
      try outputs.write(
        Plots.qScores(distribution, misclassification: misclassification, probe: probeName, subtitle: subtitle, width: figure.plotWidth), to: plot)
    }
    try common.emit(json: report.json, text: report.summary, outputs: outputs)
  }

  /// Correctness of a probe on EMB: from the given predictions, or from a probe fitted on
  /// --train (then also that fit's run; rows left out for NaN or Inf are misses without a score).
  private func probeOutcome(_ source: StoredMatrix, trainInputs: ProbeInputs?) throws -> (ProbeOutcome?, ProbeProtocol.Run?) {
    guard let trainInputs, let labels else {
      return (try ProbeOutcome.read(labels: labels, predictions: predictions, probabilities: probabilities, rows: source.rows, of: source.array.name), nil)
    }
    let truth = try ArrayFile.open(labels).labels(matchingRows: source.rows, of: source.array.name)
    let run = probe.run(trainInputs, context: common.context("probe"))
    let outcome = ProbeOutcome(predictions: run.predictions, truth: trainInputs.excludedTest.removing(from: truth))
    return (outcome.expanded(truth: truth, kept: trainInputs.excludedTest.kept), run)
  }

  /// The probe whose mistakes are predicted, as figures name it.
  private var probeName: String? {
    if train != nil { return "\(probe.method.rawValue) probe" }
    return predictions.map { _ in "probe" }
  }

  /// `Dset` by the one rule (``DiscriminativeSource``): --discriminative-from, else the
  /// --train split, else EMB.
  private func fitDiscriminative(_ profile: ActivationProfile, source: StoredMatrix, trainInputs: ProbeInputs?) throws
    -> (DiscriminativeFeatures, DiscriminativeSource)
  {
    let rule = DiscriminativeSource.rule(discriminativeFrom: discriminativeFrom, train: train)
    let fitProfile: ActivationProfile, path: String
    switch (rule, discriminativeFrom, train, trainInputs) {
    case (.discriminativeFrom, let file?, _, _):
      let fit = try ArrayFile.open(file).matrix()
      guard fit.columns == profile.features else {
        throw InputError(fit.array.name, "has \(fit.columns) features but \(embeddings) has \(profile.features)")
      }
      fitProfile = try ActivationPass.run(fit, epsilon: analysis.epsilon, strict: common.strict, context: common.context("fit Dset"))
      path = fit.array.name
    case (.train, _, let file?, let inputs?):
      fitProfile = try ActivationPass.run(inputs.train, name: file, epsilon: analysis.epsilon, strict: common.strict, context: common.context("fit Dset"))
      path = file
    default:
      fitProfile = profile
      path = source.array.name
    }
    let discriminative = DiscriminativeFeatures(frequencies: fitProfile.activationFrequency, band: analysis.band.range)
    return (discriminative, DiscriminativeSource(rule: rule, path: path, samples: fitProfile.finiteSamples))
  }

  private func writeScores(_ values: [Double], ids: [String]?, to path: String, in outputs: OutputSet) throws {
    if path.hasSuffix(".npy") {
      try NPYWriter.write(values.map { Float($0) }, to: path, in: outputs)
    } else if let ids {
      try outputs.write(CSVWriter.render(header: ["index", "id", "q"], rows: values.enumerated().map { ["\($0.offset)", ids[$0.offset], "\($0.element)"] }), to: path)
    } else {
      try outputs.write(CSVWriter.render(header: ["index", "q"], rows: values.enumerated().map { ["\($0.offset)", "\($0.element)"] }), to: path)
    }
  }
}
extension QScoreNormalization: ExpressibleByArgument {}

/// Labels, predictions and probabilities for the evaluated rows, checked against each other.
struct ProbeOutcome {
  /// True and predicted labels, and whether they agree, per row.
  var labels: [Int], predictions: [Int]
  var correct: [Bool]
  /// Largest class probability per row, when probabilities were given.
  var maximumProbability: [Double]?

  init(labels: [Int], predictions: [Int], maximumProbability: [Double]?) {
    self.labels = labels
    self.predictions = predictions
    correct = zip(labels, predictions).map { $0 == $1 }
    self.maximumProbability = maximumProbability
  }

  /// A fitted probe's predictions; class scores are normalised to sum to one (kNN votes).
  init(predictions: ProbePredictions, truth: [Int]) {
    labels = truth
    self.predictions = predictions.labels
    correct = zip(predictions.labels, truth).map { $0 == $1 }
    let k = predictions.scores.columns
    maximumProbability = predictions.scores.withUnsafeBufferPointer { p in
      (0..<predictions.scores.rows).map { i in
        let row = p[(i * k)..<((i + 1) * k)]
        let total = row.reduce(0, +)
        return total > 0 ? Double(row.max() ?? 0) / Double(total) : .nan
      }
    }
  }

  /// The outcome of rows `kept` of all rows (`truth`), the others predicted -1 (a miss)
  /// without a score.
  func expanded(truth: [Int], kept: [Int]) -> ProbeOutcome {
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
  static func read(labels: String?, predictions: String?, probabilities: String?, rows: Int, of name: String) throws -> ProbeOutcome? {
    guard let labels, let predictions else { return nil }
    let truth = try ArrayFile.open(labels).labels(matchingRows: rows, of: name)
    let predictionArray = try ArrayFile.open(predictions)
    let predicted = try predictionArray.labels(matchingRows: rows, of: name)
    var maximum: [Double]?
    if let probabilities {
      let matrix = try ArrayFile.open(probabilities).matrix()
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
      try values.withUnsafeBufferPointer { p in
        if let bad = p.firstIndex(where: { !($0 >= 0 && $0 <= 1) }) {
          throw InputError(
            matrix.array.name,
            "probability \(p[bad]) at row \(bad / columns), column \(bad % columns) is not a number in [0, 1]")
        }
      }
      maximum = values.withUnsafeBufferPointer { p in
        (0..<rows).map { row in Double(p[(row * columns)..<((row + 1) * columns)].max() ?? .nan) }
      }
    }
    return ProbeOutcome(labels: truth, predictions: predicted, maximumProbability: maximum)
  }
}
