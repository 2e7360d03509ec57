// ssl-quality · CompressCommand.swift — `ssl-quality compress`: accuracy against kept features.

import ArgumentParser
import Foundation
import SSLQuality
import SSLQualityAnalysis
import SSLQualityIO
import SSLQualityReport

/// How far a representation can shrink without losing linear accuracy.
struct CompressCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compress",
    abstract: "Linear accuracy when keeping only the top features: discriminative vs random vs variance.",
    discussion: """
      Dset follows the one rule of every command (--discriminative-from when given, else \
      the train split); variances are fitted on the train split. The probe at fraction 1 is \
      the probe command's, to the last digit. For each kept fraction the L-BFGS \
      probe (same C and tolerance everywhere, cold-started unless --warm-start) is trained on \
      the kept columns of train (in ascending index order, so the fit depends only on which \
      features are kept; each distinct set is fitted once) and evaluated on test. The summary \
      names the smallest fraction whose discriminative accuracy is within 1 point of the full \
      representation and compares its gap over random features with the random spread and \
      with the test sampling error (McNemar's exact test against each random seed's probe on \
      the same test samples); accuracies carry 95% Wilson intervals. \
      --keep F --out DIR skips the sweep: it fits the probe on the kept features and on all \
      features, reports both accuracies and writes the kept columns to DIR (created if needed).
      """)

  @Option(help: "Train embeddings (N × D).") var train: String
  @Option(help: "Train labels.") var trainLabels: String
  @Option(help: "Test embeddings (M × D).") var test: String
  @Option(help: "Test labels.") var testLabels: String

  @Option(parsing: .unconditional, help: "Kept fractions, comma-separated, each in (0, 1] (default 0.1,0.2,…,1).", transform: CommaList.parse)
  var fractions: CommaList<Double>?

  @Option(parsing: .unconditional, help: "Random rankings to average.") var seeds = 3

  @OptionGroup var analysis: AnalysisOptions
  @OptionGroup(title: "Dset") var dset: DiscriminativeOptions

  @OptionGroup(title: "Probe (logreg only)") var probe: ProbeOptions

  @Flag(help: "Start each probe from the previous fraction's solution (faster; may stop early on flat objectives).")
  var warmStart = false

  @Option(help: "Write the curve as CSV.") var csv: String?
  @OptionGroup(title: "Figure (accuracy against kept fraction)") var figure: PlotOptions
  @Option(help: "Keep this fraction of features (ranked by discriminativeness) and write --out, without a sweep.") var keep: Double?
  @Option(help: "Directory for train.npy, test.npy and kept_features.npy (with --keep; created if missing).") var out: String?

  @OptionGroup var threading: ThreadOptions
  @OptionGroup var output: JSONOutputOptions
  @OptionGroup var nonFinite: StrictOptions

  func validate() throws {
    try FlagRules.fractions("--fractions", fractions?.values ?? [])
    try FlagRules.atLeast("--seeds", seeds, 0)
    _ = try probe.logisticRegression(for: "compress")
    if let keep { try FlagRules.within("--keep", keep, Double.leastNonzeroMagnitude...1) }
    if (keep == nil) != (out == nil) { throw ValidationError("--keep and --out go together") }
    _ = try dset.single()
    if keep != nil, csv != nil || figure.plot != nil {
      throw ValidationError("--keep writes the kept features without a sweep; --csv and --plot describe a sweep (run it without --keep)")
    }
  }

  func run() throws {
    let base = out.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
    let keptFiles = ["train.npy", "test.npy", "kept_features.npy"].map { name in base.map { $0 + name } }
    let outputs = try OutputSet(
      [("--json-out", output.jsonOut), ("--csv", csv), ("--plot", figure.plot)] + keptFiles.map { ("--out", $0) },
      inputs: [("--train", train), ("--train-labels", trainLabels), ("--test", test), ("--test-labels", testLabels)] + dset.inputs,
      folders: [("--out", out)])
    var compress = CompressAnalysis(
      train: train, trainLabels: trainLabels, test: test, testLabels: testLabels, probe: try probe.logisticRegression(for: "compress"))
    if let fractions { compress.fractions = fractions.values }
    (compress.seeds, compress.warmStart) = (seeds, warmStart)
    (compress.epsilon, compress.band, compress.strict) = (analysis.epsilon, analysis.band.range, nonFinite.strict)
    compress.discriminativeFrom = try dset.single()
    compress.keep = keep.map { ($0, keptFiles.compactMap { $0 }) }
    switch try compress.run(context: threading.context("compress"), notices: NoticeText.sink(probe: probe)) {
    case .keep(let result, let keptTrain, let keptTest, let columns):
      let files = result.keep.files
      try NPYWriter.write(keptTrain, to: files[0], in: outputs)
      try NPYWriter.write(keptTest, to: files[1], in: outputs)
      try NPYWriter.write(columns, to: files[2], in: outputs)
      try output.emit(result: result, text: CompressSummary.keep(result), outputs: outputs)
    case .sweep(let result, let points, let trainShape, let testRows):
      if let csv { try outputs.write(CompressSummary.csv(result), to: csv) }
      if let plot = figure.plot {
        let subtitle = "\(train) (\(trainShape.rows) × \(trainShape.columns)) → \(test) (\(testRows) samples) · "
          + "ε \(Format.number(analysis.epsilon)) · band \(analysis.band.defaultValueDescription) · Dset fitted on \(result.provenance.dsetSource.path) · "
          + "logreg C = \(Format.number(compress.probe.inverseRegularization))"
        try outputs.write(
          Plots.compression(
            points, full: result.fullAccuracy, seeds: seeds, probe: "logreg probe", subtitle: subtitle,
            intervals: result.outcome.intervals, width: figure.plotWidth), to: plot)
      }
      try output.emit(result: result, text: CompressSummary.sweep(result), outputs: outputs)
    }
  }
}
