// ssl-quality · CalibrateCommand.swift — `ssl-quality calibrate EMB`: every ε from one pass.

import ArgumentParser
import Foundation
import SSLQuality
import SSLQualityAnalysis
import SSLQualityIO
import SSLQualityReport

/// Q-Score analysis at several ε from one pass, and a recommended ε.
struct CalibrateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "calibrate",
    abstract: "Q-Score at several ε from one pass: |Dset|, share of Q = 0, Q distribution, AUPRC/AUROC with labels; a recommended ε.",
    discussion: """
      Row statistics are computed once; each ε gets its own threshold μ_i + ε σ_i per row. At \
      each ε the numbers are exactly those of `score --epsilon ε`. Recommended (label-free): \
      the largest ε with at most 10% of samples at Q = 0 (else the ε with the fewest). With \
      labels and predictions (or --train to fit the probe): the label-optimal ε, the largest \
      AUROC of Q.
      """)

  @Argument(help: "Embeddings (N × D): path, path.npz:key, path.safetensors:name or path.pth:key.")
  var embeddings: String

  @Option(help: "ε values, comma-separated (default \(EpsilonCalibration.defaultEpsilons.map(Format.number).joined(separator: ","))).", transform: CommaList.parse)
  var epsilons: CommaList<Double>?

  @Option(help: ArgumentHelp("Percentile band of non-zero activation frequencies kept as discriminative.", valueName: "lo:hi"))
  var band: PercentileBand = PercentileBand(low: 50, high: 95)

  @Option(help: "Scale each term: none (h − μ) or zscore ((h − μ) / σ).")
  var normalize: QScoreNormalization = .none

  @Option(help: "Labels of EMB's rows, for AUPRC/AUROC per ε.") var labels: String?
  @Option(help: "A linear probe's predicted labels for EMB's rows.") var predictions: String?
  @Option(help: "Train embeddings: fit the probe on them and predict EMB.") var train: String?
  @Option(help: "Labels of the --train rows.") var trainLabels: String?
  @OptionGroup(title: "Probe (with --train)") var probe: ProbeOptions
  @OptionGroup(title: "Dset") var dset: DiscriminativeOptions

  @Option(help: "Write the table (one row per ε) as CSV.") var csv: String?
  @Option(help: "Write an SVG of share of Q = 0, |Dset| and (with labels) AUROC/AUPRC against ε.") var plot: String?

  @OptionGroup var threading: ThreadOptions
  @OptionGroup var output: JSONOutputOptions
  @OptionGroup var nonFinite: StrictOptions

  func validate() throws {
    for epsilon in epsilons?.values ?? [] { try FlagRules.atLeast("--epsilons", epsilon) }
    if (train == nil) != (trainLabels == nil) { throw ValidationError("--train and --train-labels go together") }
    if train != nil, predictions != nil { throw ValidationError("give either --train (fit a probe) or --predictions, not both") }
    if labels != nil, predictions == nil, train == nil { throw ValidationError("--labels needs --predictions or --train/--train-labels") }
    if predictions != nil || train != nil, labels == nil { throw ValidationError("--predictions and --train need --labels") }
    try probe.checkFitted(train: train)
    _ = try dset.single()
  }

  func run() throws {
    let outputs = try OutputSet(
      [("--json-out", output.jsonOut), ("--csv", csv), ("--plot", plot)],
      inputs: [("<embeddings>", embeddings), ("--labels", labels), ("--predictions", predictions), ("--train", train), ("--train-labels", trainLabels)]
        + dset.inputs)
    var calibrate = CalibrateAnalysis(embeddings: embeddings)
    if let epsilons { calibrate.epsilons = epsilons.values }
    (calibrate.band, calibrate.normalization) = (band.range, normalize)
    (calibrate.labels, calibrate.predictions, calibrate.train, calibrate.trainLabels) = (labels, predictions, train, trainLabels)
    calibrate.probe = probe.probeProtocol
    calibrate.discriminativeFrom = try dset.single()
    calibrate.strict = nonFinite.strict
    let outcome = try calibrate.run(context: threading.context("calibrate"), notices: NoticeText.sink(probe: probe))
    let result = outcome.result
    if let csv { try outputs.write(CalibrationTable.csv(result.calibration), to: csv) }
    if let plot { try outputs.write(Plots.calibration(result.calibration), to: plot) }
    try output.emit(result: result, text: CalibrationTable.text(result, source: outcome.source), outputs: outputs)
  }
}

/// A calibration as a text table and as CSV.
enum CalibrationTable {
  static func text(_ result: CalibrateResult, source: String) -> String {
    let c = result.calibration
    let labelled = c.rows.contains { $0.misclassification != nil }
    var lines = ["\(source): \(c.samples) samples × \(c.features) features, band \(Format.number(c.band[0])):\(Format.number(c.band[1]))"]
    lines.append("     ε  |Dset|   Q = 0    Q mean  Q median     Q max" + (labelled ? "   AUROC  AUPRC-correct" : ""))
    for row in c.rows {
      var line = Format.number(row.epsilon).leftPadded(6) + String(row.discriminativeCount).leftPadded(8)
        + Format.percent(row.emptyShare).leftPadded(8) + Format.number(row.q.mean).leftPadded(10)
        + Format.number(row.q.median).leftPadded(10) + Format.number(row.q.max).leftPadded(10)
      if let m = row.misclassification {
        line += Format.percent(m.scores.q.auroc).leftPadded(8) + Format.percent(m.scores.q.auprcCorrect).leftPadded(15)
      }
      lines.append(line)
    }
    lines.append("  recommended ε: \(c.recommendedEpsilon.map(Format.number) ?? "none") (\(c.recommendationRule))")
    if let optimal = c.labelOptimalEpsilon {
      let accuracy = c.rows.first?.misclassification?.accuracy ?? .nan
      lines.append("  label-optimal ε: \(Format.number(optimal)) (largest AUROC of Q; probe accuracy \(Format.percent(accuracy)))")
    }
    lines.append("  \(result.dsetSource.text)")
    return lines.joined(separator: "\n")
  }

  static func csv(_ c: EpsilonCalibration) -> String {
    CSVWriter.render(
      header: ["epsilon", "discriminative_count", "empty_count", "empty_share", "q_mean", "q_std", "q_min", "q_median", "q_max", "auroc", "auprc_correct", "auprc_misclassified"],
      rows: c.rows.map { r in
        let m = r.misclassification?.scores.q
        return ["\(r.epsilon)", "\(r.discriminativeCount)", "\(r.emptyCount)", "\(r.emptyShare)", "\(r.q.mean)", "\(r.q.std)", "\(r.q.min)", "\(r.q.median)",
          "\(r.q.max)", m.map { "\($0.auroc)" } ?? "", m.map { "\($0.auprcCorrect)" } ?? "", m.map { "\($0.auprcMisclassified)" } ?? ""]
      })
  }
}
