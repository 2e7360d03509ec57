// ssl-quality · ReportCommand.swift — `ssl-quality report EMB… --html report.html`.

import ArgumentParser
import Foundation
import SSLQuality
import SSLQualityAnalysis
import SSLQualityIO
import SSLQualityReport

/// One self-contained HTML page bundling the analyses of one representation, or the
/// comparison of several, and saved results of any command.
struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Write one self-contained HTML page: inputs (SHA-256, shape, dtype), settings, tables, figures and warnings.",
    discussion: """
      With one EMB: its spectrum, Q-Score and ε calibration (and, with --labels and --predictions, how well Q \
      predicts the probe's mistakes). With several: the comparison of `compare` (labelled \
      columns with --train, --train-labels, --test-labels). Dset follows the one rule of every \
      command (--discriminative-from, else the --train split, else the analysed matrix), and \
      the page says where it came from. --from adds the JSON results of earlier `score`, \
      `probe`, `compress`, `finetune`, `spectrum`, `calibrate` or `compare` runs (--json-out \
      or --json), each with its file, SHA-256 and command.
      """)

  @Argument(help: "Embeddings (one, or several representations of the same samples).")
  var embeddings: [String] = []

  @Option(help: "Names of the representations, comma-separated (several EMB).", transform: CommaList.parse) var names: CommaList<String>?

  @Option(help: "Labels of EMB's samples (one EMB).") var labels: String?
  @Option(help: "A probe's predicted labels for EMB (one EMB).") var predictions: String?
  @Option(help: "The probe's class probabilities (msp baseline; one EMB).") var probabilities: String?

  @Option(parsing: .upToNextOption, help: "Train embeddings, one per representation (several EMB).")
  var train: [String] = []
  @Option(help: "Train labels (several EMB).") var trainLabels: String?
  @Option(help: "Test labels (several EMB).") var testLabels: String?

  @Option(parsing: .upToNextOption, help: "Saved JSON results of any command to show (--json-out documents).")
  var from: [String] = []

  @OptionGroup var analysis: AnalysisOptions
  @OptionGroup(title: "Dset") var dset: DiscriminativeOptions

  @Option(help: ArgumentHelp("Ranks of the α-ReQ fit, from 1, inclusive.", valueName: "lo:hi"))
  var alphaRange: RankRange = RankRange(SpectralMeasures.defaultAlphaRange)

  @Option(help: "Kept fractions of the compression sweep (several EMB with labels; default 0.1,0.2,…,1).", transform: CommaList.parse)
  var fractions: CommaList<Double>?

  @Option(help: "The HTML file to write.") var html: String

  @OptionGroup var threading: ThreadOptions

  func validate() throws {
    if embeddings.isEmpty && from.isEmpty { throw ValidationError("give embeddings or --from results.json") }
    try FlagRules.fractions("--fractions", fractions?.values ?? [])
    if embeddings.count > 1, labels != nil || predictions != nil {
      throw ValidationError("--labels/--predictions describe one EMB; for several use --train, --train-labels and --test-labels")
    }
    if (labels == nil) != (predictions == nil) { throw ValidationError("--labels and --predictions go together") }
    if !embeddings.isEmpty { try RepresentationNames.check(names, count: embeddings.count) }
    if probabilities != nil, predictions == nil { throw ValidationError("--probabilities goes with --predictions") }
    if embeddings.isEmpty, !dset.discriminativeFrom.isEmpty { throw ValidationError("--discriminative-from needs embeddings to analyse") }
    if embeddings.count == 1 { _ = try dset.single() } else if embeddings.count > 1 { _ = try dset.each(of: embeddings.count) }
    if embeddings.count == 1, !train.isEmpty || trainLabels != nil || testLabels != nil {
      throw ValidationError("--train/--train-labels/--test-labels are for several EMB; for one give --labels and --predictions")
    }
    if embeddings.count > 1, !train.isEmpty || trainLabels != nil || testLabels != nil,
      train.count != embeddings.count || trainLabels == nil || testLabels == nil
    {
      throw ValidationError("labelled columns need --train (one per representation, \(embeddings.count) here), --train-labels and --test-labels")
    }
  }

  func run() throws {
    let outputs = try OutputSet(
      [("--html", html)],
      inputs: embeddings.map { ("<embeddings>", $0) } + train.map { ("--train", $0) } + from.map { ("--from", $0) } + [
        ("--labels", labels), ("--predictions", predictions), ("--probabilities", probabilities), ("--train-labels", trainLabels),
        ("--test-labels", testLabels),
      ] + dset.inputs)
    var report = ReportAnalysis(
      embeddings: embeddings, command: (["ssl-quality"] + CommandLine.arguments.dropFirst()).joined(separator: " "),
      toolVersion: SSLQualityCommand.configuration.version)
    report.names = names?.values
    (report.labels, report.predictions, report.probabilities) = (labels, predictions, probabilities)
    (report.train, report.trainLabels, report.testLabels, report.from) = (train, trainLabels, testLabels, from)
    report.discriminativeFrom = dset.discriminativeFrom
    (report.epsilon, report.band, report.alphaRange) = (analysis.epsilon, analysis.band.range, alphaRange.range)
    if let fractions { report.fractions = fractions.values }
    let page = try report.run(context: threading.context("report"), notices: NoticeText.sink())
    try outputs.write(try page.render(), to: html)
    try outputs.commit()
    print("wrote \(InputError.escaped(html)): \(Format.count(page.tables.count, "table")), \(Format.count(page.figures.count, "figure")), \(Format.count(page.warnings.count, "warning"))")
  }
}
