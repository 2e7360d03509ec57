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

  @Option(help: "Fit Dset on this matrix (e.g. the train split) instead of EMB.")
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

  @OptionGroup(title: "Figure (Q = 0 share, Q > 0 histogram, precision-recall of every score)") var figure: PlotOptions

  @Flag(help: "Reject rows holding NaN or Inf instead of excluding them.")
  var strict = false

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
  }

  func run() throws {
    let started = Date()
    let source = try ArrayFile.open(embeddings).matrix()
    let outcome = try probeOutcome(source)
    let profile = ActivationPass.run(source, epsilon: analysis.epsilon, context: common.context("score"))
    if strict, profile.sanity.nonFiniteRows > 0 {
      throw InputError(
        source.array.name,
        "\(profile.sanity.nonFiniteRows) rows hold NaN or Inf (first: \(profile.sanity.firstNonFiniteRows.map(String.init).joined(separator: ", "))); --strict rejects them")
    }
    let discriminative = try fitDiscriminative(profile)
    let q = QScores(profile: profile, discriminative: discriminative, normalization: normalize, context: common.context("score"))
    var misclassification: MisclassificationReport?
    if let outcome {
      var scores = ["q": q.values, "l1": profile.l1Norm, "max_z": profile.maxZ]
      if let msp = outcome.maximumProbability { scores["msp"] = msp }
      misclassification = MisclassificationReport(correct: outcome.correct, scores: scores)
    }
    let report = ScoreReport(
      source: source.array.name, profile: profile, discriminative: discriminative, normalization: normalize,
      discriminativeFrom: discriminativeFrom, q: q, misclassification: misclassification,
      seconds: Date().timeIntervalSince(started))
    if let scoresOut { try writeScores(q.values, to: scoresOut) }
    if let plot = figure.plot {
      let distribution = QScoreDistribution(q: q.values, correct: outcome?.correct)
      var subtitle = FigureSubtitle.of(file: source.array.name, samples: profile.samples, features: profile.features, epsilon: analysis.epsilon, band: analysis.band)
      subtitle += " · Dset fitted on \(discriminativeFrom ?? source.array.name)"
      if let probeName { subtitle += " · \(probeName)" }
      try AtomicFile.write(
        Plots.qScores(distribution, misclassification: misclassification, probe: probeName, subtitle: subtitle, width: figure.plotWidth), to: plot)
    }
    print(common.json ? report.json.serialized() : report.summary)
  }

  /// Correctness of a probe on EMB: from the given predictions, or from a probe fitted on --train.
  private func probeOutcome(_ source: StoredMatrix) throws -> ProbeOutcome? {
    guard let train, let trainLabels, let labels else {
      return try ProbeOutcome.read(labels: labels, predictions: predictions, probabilities: probabilities, rows: source.rows, of: source.array.name)
    }
    let truth = try ArrayFile.open(labels).labels(matchingRows: source.rows, of: source.array.name)
    let context = common.context("probe")
    let inputs = try ProbeInputs.load(train: train, trainLabels: trainLabels, test: source, testLabels: nil, testLabelsName: nil, context: context)
    return ProbeOutcome(predictions: probe.run(inputs, context: context).predictions, truth: truth)
  }

  /// The probe whose mistakes are predicted, as figures name it.
  private var probeName: String? {
    if train != nil { return "\(probe.method.rawValue) probe" }
    return predictions.map { _ in "probe" }
  }

  private func fitDiscriminative(_ profile: ActivationProfile) throws -> DiscriminativeFeatures {
    guard let discriminativeFrom else {
      return DiscriminativeFeatures(frequencies: profile.activationFrequency, band: analysis.band.range)
    }
    let fit = try ArrayFile.open(discriminativeFrom).matrix()
    guard fit.columns == profile.features else {
      throw InputError(fit.array.name, "has \(fit.columns) features but \(embeddings) has \(profile.features)")
    }
    let fitProfile = ActivationPass.run(fit, epsilon: analysis.epsilon, context: common.context("fit Dset"))
    return DiscriminativeFeatures(frequencies: fitProfile.activationFrequency, band: analysis.band.range)
  }

  private func writeScores(_ values: [Double], to path: String) throws {
    if path.hasSuffix(".npy") {
      try NPYWriter.write(values.map { Float($0) }, to: path)
    } else {
      try AtomicFile.write(CSVWriter.render(header: ["index", "q"], rows: values.enumerated().map { ["\($0.offset)", "\($0.element)"] }), to: path)
    }
  }
}

extension QScoreNormalization: ExpressibleByArgument {}

/// Labels, predictions and probabilities for the evaluated rows, checked against each other.
struct ProbeOutcome {
  var correct: [Bool]
  /// Largest class probability per row, when probabilities were given.
  var maximumProbability: [Double]?

  init(correct: [Bool], maximumProbability: [Double]?) {
    self.correct = correct
    self.maximumProbability = maximumProbability
  }

  /// A fitted probe's predictions; class scores are normalised to sum to one (kNN votes).
  init(predictions: ProbePredictions, truth: [Int]) {
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
      maximum = matrix.load(context: .serial).withUnsafeBufferPointer { p in
        (0..<rows).map { row in Double(p[(row * columns)..<((row + 1) * columns)].max() ?? .nan) }
      }
      if let bad = maximum?.firstIndex(where: { !$0.isFinite }) {
        throw InputError(matrix.array.name, "row \(bad) holds NaN or Inf probabilities")
      }
    }
    return ProbeOutcome(correct: zip(truth, predicted).map { $0 == $1 }, maximumProbability: maximum)
  }
}
