// ssl-quality · ScoreCommand.swift — `ssl-quality score EMB`, the main job.

import ArgumentParser
import Foundation
import SSLQuality
import SSLQualityAnalysis
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
      for q, msp, l1 and max_z, auprc_correct, auprc_misclassified and auroc, each with a 95% \
      interval (AUROC: DeLong; AUPRC: stratified bootstrap, --resamples, --bootstrap-seed), and \
      whether Q ranks the mistakes better or worse than the best of l1 and max_z (paired DeLong).
      """)

  @Argument(help: "Embeddings to score (N × D): path, path.npz:key, path.safetensors:name or path.pth:key.")
  var embeddings: String

  @OptionGroup var analysis: AnalysisOptions

  @Option(help: "Scale each term: none (h − μ) or zscore ((h − μ) / σ).")
  var normalize: QScoreNormalization = .none

  @OptionGroup(title: "Dset") var dset: DiscriminativeOptions

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

  @Option(help: "List the K lowest-Q samples (equal Q ordered by the lower max_z, then row).")
  var lowest: Int?

  @Option(help: "Stratified bootstrap replicates for the AUPRCs' 95% intervals (0: no AUPRC intervals).")
  var resamples = ScoreAnalysis.defaultResamples

  @Option(help: "Seed of the bootstrap.")
  var bootstrapSeed: UInt64 = 0

  @OptionGroup(title: "Figure (Q = 0 share, Q > 0 histogram, precision-recall of every score)") var figure: PlotOptions

  @OptionGroup(title: "CSV output") var csvOptions: CSVOptions
  @OptionGroup var threading: ThreadOptions
  @OptionGroup var output: JSONOutputOptions
  @OptionGroup var nonFinite: StrictOptions

  func validate() throws {
    if (train == nil) != (trainLabels == nil) { throw ValidationError("--train and --train-labels go together") }
    if train != nil, predictions != nil { throw ValidationError("give either --train (fit a probe) or --predictions, not both") }
    if labels != nil, predictions == nil, train == nil {
      throw ValidationError("--labels needs --predictions (a probe's predicted labels) or --train/--train-labels (fit one)")
    }
    if predictions != nil || train != nil, labels == nil { throw ValidationError("--predictions and --train need --labels") }
    try probe.checkFitted(train: train)
    if probabilities != nil, predictions == nil { throw ValidationError("--probabilities goes with --predictions") }
    if let scoresOut, !(scoresOut.hasSuffix(".npy") || scoresOut.hasSuffix(".csv")) {
      throw ValidationError("--scores-out must end in .npy or .csv, got \(scoresOut)")
    }
    if let lowest, lowest < 1 { throw ValidationError("--lowest must be at least 1, got \(lowest)") }
    _ = try dset.single()
    if resamples < 0 { throw ValidationError("--resamples must be at least 0, got \(resamples)") }
  }

  func run() throws {
    let outputs = try OutputSet(
      [("--json-out", output.jsonOut), ("--scores-out", scoresOut), ("--table", table), ("--plot", figure.plot)],
      inputs: [
        ("<embeddings>", embeddings), ("--labels", labels), ("--predictions", predictions),
        ("--train", train), ("--train-labels", trainLabels), ("--probabilities", probabilities), ("--ids", ids),
      ] + dset.inputs)
    var analysis = ScoreAnalysis(embeddings: embeddings)
    analysis.epsilon = self.analysis.epsilon
    analysis.band = self.analysis.band.range
    analysis.normalization = normalize
    analysis.discriminativeFrom = try dset.single()
    (analysis.labels, analysis.predictions, analysis.probabilities) = (labels, predictions, probabilities)
    (analysis.train, analysis.trainLabels) = (train, trainLabels)
    analysis.probe = probe.probeProtocol
    (analysis.ids, analysis.lowest, analysis.collectTable) = (ids, lowest, table != nil)
    (analysis.resamples, analysis.bootstrapSeed) = (resamples, bootstrapSeed)
    analysis.strict = nonFinite.strict
    let outcome = try analysis.run(context: threading.context("score"), notices: NoticeText.sink(probe: probe))
    let result = outcome.result
    if let scoresOut { try writeScores(outcome.q, ids: outcome.sampleIDs, to: scoresOut, in: outputs) }
    if let table, let samples = outcome.table { try outputs.write(samples.csv(raw: csvOptions.rawCSV), to: table) }
    if let plot = figure.plot {
      var subtitle = FigureSubtitle.of(file: outcome.source, samples: result.samples, features: result.features, epsilon: result.epsilon, band: self.analysis.band)
      subtitle += " · Dset fitted on \(result.dsetSource.path)"
      if let predictions { subtitle += " · predictions from \(predictions)" } else if let probeName { subtitle += " · \(probeName)" }
      if outcome.misclassification != nil, resamples > 0 {
        subtitle += " · AUPRC [95% CI, stratified bootstrap, \(resamples) resamples, seed \(bootstrapSeed)]"
      }
      try outputs.write(
        Plots.qScores(outcome.distribution, misclassification: outcome.misclassification, probe: probeName, subtitle: subtitle, width: figure.plotWidth), to: plot)
    }
    try output.emit(result: result, text: ScoreSummary.text(outcome), outputs: outputs)
  }

  /// The probe whose mistakes are predicted, as figures name it.
  private var probeName: String? {
    if train != nil { return "\(probe.method.rawValue) probe" }
    return predictions.map { _ in "probe" }
  }

  private func writeScores(_ values: [Double], ids: [String]?, to path: String, in outputs: OutputSet) throws {
    if path.hasSuffix(".npy") {
      try NPYWriter.write(values.map { Float($0) }, to: path, in: outputs)
    } else if let ids {
      try outputs.write(CSVWriter.render(header: ["index", "id", "q"], rows: values.enumerated().map { ["\($0.offset)", ids[$0.offset], "\($0.element)"] }, raw: csvOptions.rawCSV), to: path)
    } else {
      try outputs.write(CSVWriter.render(header: ["index", "q"], rows: values.enumerated().map { ["\($0.offset)", "\($0.element)"] }), to: path)
    }
  }
}
extension QScoreNormalization: ExpressibleByArgument {}

