// ssl-quality · CompareCommand.swift — `ssl-quality compare A.npy B.npy …`.

import ArgumentParser
import Foundation
import SSLQuality
import SSLQualityAnalysis
import SSLQualityIO
import SSLQualityReport

/// Several representations of the same samples, one row each, best value per ranked column
/// marked, each representation's warnings under the table.
struct CompareCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compare",
    abstract: "Compare representations of the same samples: spectra, Q-Score, and with labels kNN/linear accuracy, Q's AUROC/AUPRC, compressibility.",
    discussion: """
      Label-free columns: the width D, RankMe / D (plain and centred), α-ReQ, effective \
      rank / D, collapse std × √D, |Dset|, mean Q and the share of Q = 0. With --train (one \
      file per representation, same order), --train-labels and --test-labels: weighted kNN \
      accuracy (k 20, T 0.07), the L-BFGS logistic-regression probe's accuracy (C 1, \
      standardised), AUROC and AUPRC of Q for that probe's mistakes, and the smallest kept \
      fraction within 1 point of full accuracy. Each representation's Dset is fitted by the \
      one rule: its --discriminative-from file, else its --train split, else its test \
      embeddings. The best value of each ranked column is marked with *; D, α-ReQ, |Dset|, \
      Q mean, the Q = 0 share, AUPRC-correct and the compressible fraction are not ranked \
      (their better direction across encoders is not established). Each representation's \
      warnings (as `score` gives them) follow the table. With labels, the paired tests \
      follow: Wilson intervals on each accuracy, DeLong's on Q's AUROC, and each \
      representation against the baseline (--baseline, default the first) on the same test \
      samples: McNemar's exact test for the probe's accuracy, DeLong's paired test for Q's \
      AUROC on the samples both probes judge alike.
      """)

  @Argument(help: "Test embeddings of each representation (same samples, row for row).")
  var embeddings: [String]

  @Option(help: "Names of the representations, comma-separated (default: file names).", transform: CommaList.parse)
  var names: CommaList<String>?

  @Option(parsing: .upToNextOption, help: "Train embeddings, one per representation, in the same order.")
  var train: [String] = []
  @Option(help: "Train labels (shared).") var trainLabels: String?
  @Option(help: "Test labels (shared).") var testLabels: String?
  @Option(help: "Name of the representation the paired tests compare the others with (default: the first).") var baseline: String?

  @OptionGroup var analysis: AnalysisOptions
  @OptionGroup(title: "Dset") var dset: DiscriminativeOptions

  @Option(help: ArgumentHelp("Ranks of the α-ReQ fit, from 1, inclusive.", valueName: "lo:hi"))
  var alphaRange: RankRange = RankRange(SpectralMeasures.defaultAlphaRange)

  @Option(help: "Kept fractions of the compression sweep (default 0.1,0.2,…,1).", transform: CommaList.parse)
  var fractions: CommaList<Double>?

  @Option(help: "Write the table as CSV.") var csv: String?
  @Option(help: "Write an SVG of the ranked columns on one 0–1 axis (right is better).") var plot: String?

  @OptionGroup(title: "CSV output") var csvOptions: CSVOptions
  @OptionGroup var threading: ThreadOptions
  @OptionGroup var output: JSONOutputOptions
  @OptionGroup var nonFinite: StrictOptions

  func validate() throws {
    guard embeddings.count >= 2 else { throw ValidationError("compare needs at least two representations, got \(embeddings.count)") }
    try RepresentationNames.check(names, count: embeddings.count)
    let labelled = !train.isEmpty || trainLabels != nil || testLabels != nil
    if labelled, train.count != embeddings.count || trainLabels == nil || testLabels == nil {
      throw ValidationError("labelled columns need --train (one per representation, \(embeddings.count) here), --train-labels and --test-labels")
    }
    try FlagRules.fractions("--fractions", fractions?.values ?? [])
    _ = try dset.each(of: embeddings.count)
  }

  func run() throws {
    let outputs = try OutputSet(
      [("--json-out", output.jsonOut), ("--csv", csv), ("--plot", plot)],
      inputs: embeddings.map { ("<embeddings>", $0) } + train.map { ("--train", $0) } + [("--train-labels", trainLabels), ("--test-labels", testLabels)]
        + dset.inputs)
    var compare = CompareAnalysis(embeddings: embeddings)
    compare.names = names?.values
    (compare.train, compare.trainLabels, compare.testLabels) = (train, trainLabels, testLabels)
    (compare.epsilon, compare.band, compare.alphaRange) = (analysis.epsilon, analysis.band.range, alphaRange.range)
    if let fractions { compare.fractions = fractions.values }
    compare.strict = nonFinite.strict
    compare.discriminativeFrom = try dset.each(of: embeddings.count)
    compare.baseline = baseline
    let result = try compare.run(context: threading.context("compare"), notices: NoticeText.sink())
    if let csv { try outputs.write(ComparisonTable.csv(result, raw: csvOptions.rawCSV), to: csv) }
    if let plot {
      let subtitle = "ε \(Format.number(result.epsilon)), band \(Format.number(result.band[0])):\(Format.number(result.band[1])); values in the table and JSON"
      try outputs.write(
        Plots.comparison(
          names: result.rows.map(\.name), widths: result.rows.map(\.features), columns: result.rankedValues,
          intervals: result.rankedIntervals, subtitle: subtitle), to: plot)
    }
    let text = ([ComparisonTable.text(result)] + (result.pairedTests.map(ComparisonPairedText.lines) ?? [])).joined(separator: "\n")
    try output.emit(result: result, text: text, outputs: outputs)
  }
}

/// A comparison as a text table and as CSV.
enum ComparisonTable {
  static func text(_ result: RepresentationComparison) -> String {
    let header = ["representation"] + result.columns.map(\.title)
    let body = result.rows.enumerated().map { r, row in
      [row.name] + result.columns.map { column in ComparisonCell.text(column.value(row), column: column) + (column.best.contains(r) ? "*" : " ") }
    }
    let widths = header.indices.map { c in ([header[c]] + body.map { $0[c] }).map(\.count).max() ?? 0 }
    func line(_ cells: [String]) -> String {
      cells.enumerated().map { c, text in c == 0 ? text.padding(toLength: widths[c], withPad: " ", startingAt: 0) : text.leftPadded(widths[c]) }
        .joined(separator: "  ")
    }
    var lines = [line(header)] + body.map(line)
    lines.append(
      "ε \(Format.number(result.epsilon)), band \(Format.number(result.band[0])):\(Format.number(result.band[1])), α-ReQ ranks \(result.alphaRange[0]):\(result.alphaRange[1]); * = best in column"
        + "; not ranked: \(result.columns.filter { $0.preference == .none }.map(\.title).joined(separator: ", "))")
    for row in result.rows where row.deadFeatures > 0 { lines.append("\(row.name): \(row.deadFeatures) dead features (zero in every row)") }
    for row in result.rows { lines.append("\(row.name): \(row.dsetSource.text)") }
    // Each warning under its representation's name; what to try once per kind of warning.
    var suggestions: [(code: String, text: String)] = []
    for row in result.rows {
      for warning in row.warnings {
        lines.append("  warning: \(row.name): \(warning.message)")
        if !suggestions.contains(where: { $0.code == warning.code }) { suggestions.append((warning.code, warning.suggestion)) }
      }
    }
    lines += suggestions.map { "  to try (\($0.code)): \($0.text)" }
    return lines.joined(separator: "\n")
  }

  static func csv(_ result: RepresentationComparison, raw: Bool) -> String {
    CSVWriter.render(
      header: ["representation"] + result.columns.map(\.key),
      rows: result.rows.map { row in [row.name] + result.columns.map { $0.value(row).map { "\($0)" } ?? "" } }, raw: raw)
  }
}
