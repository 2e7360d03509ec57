// ssl-quality · CompressCommand.swift — `ssl-quality compress`: accuracy against kept features.

import ArgumentParser
import Foundation
import SSLQuality
import SSLQualityIO
import SSLQualityReport

/// Kept fractions `0.1,0.2,…` with each in (0, 1].
struct FractionList: ExpressibleByArgument {
  var values: [Double]

  init?(argument: String) {
    let parts = argument.split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
    guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }) else { return nil }
    values = parts.compactMap { $0 }
  }

  init(values: [Double]) { self.values = values }

  var defaultValueDescription: String { "0.1,0.2,…,1.0" }
}

/// How far a representation can shrink without losing linear accuracy.
struct CompressCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compress",
    abstract: "Linear accuracy when keeping only the top features: discriminative vs random vs variance.",
    discussion: """
      Dset and variances are fitted on the train split. For each kept fraction the L-BFGS \
      probe (same C and tolerance everywhere, cold-started unless --warm-start) is trained on \
      the kept columns of train (in ascending index order, so the fit depends only on which \
      features are kept; each distinct set is fitted once) and evaluated on test. The summary \
      names the smallest fraction whose discriminative accuracy is within 1 point of the full \
      representation and compares its gap over random features with the random spread. \
      --keep F --out DIR skips the sweep: it fits the probe on the kept features and on all \
      features, reports both accuracies and writes the kept columns to DIR (created if needed).
      """)

  @Option(help: "Train embeddings (N × D).") var train: String
  @Option(help: "Train labels.") var trainLabels: String
  @Option(help: "Test embeddings (M × D).") var test: String
  @Option(help: "Test labels.") var testLabels: String

  @Option(parsing: .unconditional, help: "Kept fractions, comma-separated, each in (0, 1].")
  var fractions = FractionList(values: (1...10).map { Double($0) / 10 })

  @Option(parsing: .unconditional, help: "Random rankings to average.") var seeds = 3

  @OptionGroup var analysis: AnalysisOptions

  @OptionGroup(title: "Probe (logreg only)") var probe: ProbeOptions

  @Flag(help: "Start each probe from the previous fraction's solution (faster; may stop early on flat objectives).")
  var warmStart = false

  @Option(help: "Write the curve as CSV.") var csv: String?
  @OptionGroup(title: "Figure (accuracy against kept fraction)") var figure: PlotOptions
  @Option(help: "Keep this fraction of features (ranked by discriminativeness) and write --out, without a sweep.") var keep: Double?
  @Option(help: "Directory for train.npy, test.npy and kept_features.npy (with --keep; created if missing).") var out: String?

  @OptionGroup var common: CommonOptions

  func validate() throws {
    guard !fractions.values.isEmpty, fractions.values.allSatisfy({ $0 > 0 && $0 <= 1 && $0.isFinite }) else {
      throw ValidationError("--fractions must be a non-empty list of numbers in (0, 1], got \(fractions.values)")
    }
    try FlagRules.atLeast("--seeds", seeds, 0)
    _ = try probe.logisticRegression(for: "compress")
    if let keep { try FlagRules.within("--keep", keep, Double.leastNonzeroMagnitude...1) }
    if (keep == nil) != (out == nil) { throw ValidationError("--keep and --out go together") }
    if keep != nil, csv != nil || figure.plot != nil {
      throw ValidationError("--keep writes the kept features without a sweep; --csv and --plot describe a sweep (run it without --keep)")
    }
  }

  func run() throws {
    let started = Date()
    if let out { try Self.makeDirectory(out) }  // --out is created if missing, before any work
    let base = out.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
    let outputs = try OutputSet(
      [("--json-out", common.jsonOut), ("--csv", csv), ("--plot", figure.plot)]
        + ["train.npy", "test.npy", "kept_features.npy"].map { name in ("--out", base.map { $0 + name }) })
    let testMatrix = try ArrayFile.open(test).matrix()
    let allTruth = try ArrayFile.open(testLabels).labels(matchingRows: testMatrix.rows, of: testMatrix.array.name)
    let context = common.context("compress")
    let inputs = try ProbeInputs.load(
      train: train, trainLabels: trainLabels, test: testMatrix, testLabels: allTruth, testLabelsName: testLabels, strict: common.strict,
      context: context)
    let truth = inputs.excludedTest.removing(from: allTruth)
    let profile = try ActivationPass.run(inputs.train, name: train, epsilon: analysis.epsilon, strict: common.strict, context: common.context("fit Dset"))
    let discriminative = DiscriminativeFeatures(frequencies: profile.activationFrequency, band: analysis.band.range)
    var sweep = CompressionSweep(
      fractions: fractions.values, seeds: seeds, probe: try probe.logisticRegression(for: "compress"), discriminative: discriminative,
      train: inputs.train, context: context)
    sweep.warmStart = warmStart
    let dsetSource = DiscriminativeSource(rule: .train, path: train, samples: profile.finiteSamples)
    var warnings = AnalysisWarning.scoring(discriminativeCount: discriminative.count, empty: 0, samples: 0)
    var knobs: [(String, JSONValue)] = [
      ("epsilon", .number(analysis.epsilon)), ("band", .array([.number(analysis.band.low), .number(analysis.band.high)])),
      ("method", .string(probe.method.rawValue)),
    ] + probe.knobs + [
      ("seeds", .integer(seeds)), ("fractions", .array(sweep.fractions.map(JSONValue.number))), ("warm_start", .bool(warmStart)),
      ("excluded_test_rows", .integer(inputs.excludedTest.count)),
    ]
    if let keep, let out {
      let columns = Array(discriminative.ranking.prefix(CompressionSweep.keptCount(keep, of: inputs.train.columns)))
      let accuracy = sweep.accuracy(keeping: columns, train: inputs.train, trainLabels: inputs.trainLabels, test: inputs.test, testLabels: truth, context: context)
      let full = sweep.accuracy(keeping: Array(0..<inputs.train.columns), train: inputs.train, trainLabels: inputs.trainLabels, test: inputs.test, testLabels: truth, context: context)
      warnings += AnalysisWarning.probe(accuracy: full, labels: ClassCounts(truth))
      let files = try writeKept(columns: columns, train: inputs.train, test: inputs.test, base: base ?? out, outputs: outputs)
      let report = KeepReport(
        fraction: keep, kept: columns.count, features: inputs.train.columns, accuracy: accuracy, full: full, files: files,
        discriminativeCount: discriminative.count, dsetSource: dsetSource, warnings: warnings, protocolKnobs: knobs,
        seconds: Date().timeIntervalSince(started))
      try common.emit(json: report.json, text: report.summary, outputs: outputs)
      return
    }
    let (full, points, convergence) = sweep.run(
      train: inputs.train, trainLabels: inputs.trainLabels, test: inputs.test, testLabels: truth, context: context)
    context.report(.finished)
    if convergence.unconverged > 0 { probe.warnNotConverged(fits: convergence.fits, unconverged: convergence.unconverged) }
    knobs += [
      ("fits", .integer(convergence.fits)), ("unconverged_fits", .integer(convergence.unconverged)),
      ("most_iterations", .integer(convergence.mostIterations)), ("converged", .bool(convergence.unconverged == 0)),
    ]
    warnings += AnalysisWarning.probe(accuracy: full, labels: ClassCounts(truth))
    let report = CompressReport(
      full: full, points: points, seeds: seeds, discriminativeCount: discriminative.count, dsetSource: dsetSource, warnings: warnings,
      seconds: Date().timeIntervalSince(started), protocolKnobs: knobs)
    if let csv { try outputs.write(report.csv, to: csv) }
    if let plot = figure.plot {
      let subtitle = "\(train) (\(inputs.train.rows) × \(inputs.train.columns)) → \(test) (\(inputs.test.rows) samples) · "
        + "ε \(Format.number(analysis.epsilon)) · band \(analysis.band.defaultValueDescription) · Dset fitted on \(train) · "
        + "logreg C = \(Format.number(probe.inverseRegularization))"
      try outputs.write(
        Plots.compression(points, full: full, seeds: seeds, probe: "logreg probe", subtitle: subtitle, width: figure.plotWidth), to: plot)
    }
    try common.emit(json: report.json, text: report.summary, outputs: outputs)
  }

  /// Creates `directory` when it does not exist.
  ///
  /// - Throws: ``InputError`` when it exists as something else or cannot be created.
  private static func makeDirectory(_ directory: String) throws {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
      guard isDirectory.boolValue else { throw InputError(directory, "exists and is not a directory") }
    } else {
      do {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
      } catch {
        throw InputError(directory, "cannot create the directory")
      }
    }
  }

  /// Stages the kept columns (ranking order) of both splits and their indices under
  /// `base` (the --out directory with its slash); returns the paths.
  private func writeKept(columns: [Int], train: Matrix, test: Matrix, base: String, outputs: OutputSet) throws -> [String] {
    let files = [base + "train.npy", base + "test.npy", base + "kept_features.npy"]
    try NPYWriter.write(CompressionSweep.select(train, columns: columns), to: files[0], in: outputs)
    try NPYWriter.write(CompressionSweep.select(test, columns: columns), to: files[1], in: outputs)
    try NPYWriter.write(columns, to: files[2], in: outputs)
    return files
  }
}

/// The `compress` result as JSON, CSV and summary.
struct CompressReport {
  var full: Double
  var points: [CompressionSweep.Point]
  var seeds: Int
  var discriminativeCount: Int
  var dsetSource: DiscriminativeSource
  var warnings: [AnalysisWarning]
  var seconds: Double
  var protocolKnobs: [(String, JSONValue)]

  var compressible: CompressionSweep.Point? { CompressionSweep.compressibleFraction(points, full: full) }
  var verdict: CompressionVerdict? { compressible.map { CompressionVerdict($0, seeds: seeds) } }

  var json: JSONValue {
    .object([
      ("full_accuracy", .number(full)),
      ("curve", .array(points.map { p in
        .object([
          ("fraction", .number(p.fraction)), ("kept", .integer(p.kept)), ("discriminative", .number(p.discriminative)),
          ("random_mean", .number(p.randomMean)), ("random_std", .number(p.randomStd)), ("variance", .number(p.variance)),
        ])
      })),
      ("compressible_fraction", compressible.map { .number($0.fraction) } ?? .null),
      ("gap_to_random", compressible.map { .number($0.discriminative - $0.randomMean) } ?? .null),
      ("verdict", verdict.map { v in
        .object([
          ("fraction", .number(v.fraction)), ("gap", .number(v.gap)), ("random_mean", .number(v.randomMean)),
          ("random_std", .number(v.randomStd)), ("seeds", .integer(v.seeds)), ("standard_deviations", .optional(v.standardDeviations)),
          ("outcome", .string(v.outcome.rawValue)),
        ])
      } ?? .null),
      ("discriminative_count", .integer(discriminativeCount)), ("dset_source", dsetSource.json),
      ("warnings", .array(warnings.map(\.json))),
      ("protocol", .object(protocolKnobs)), ("seconds", .number(seconds)),
    ])
  }

  var csv: String {
    CSVWriter.render(
      header: ["fraction", "kept", "discriminative", "random_mean", "random_std", "variance"],
      rows: points.map { ["\($0.fraction)", "\($0.kept)", "\($0.discriminative)", "\($0.randomMean)", "\($0.randomStd)", "\($0.variance)"] })
  }

  var summary: String {
    var lines = ["full representation: accuracy \(Format.percent(full)); |Dset| = \(discriminativeCount); \(dsetSource.text)",
                 "  fraction   kept  discriminative  random (mean ± std)  variance"]
    for p in points {
      lines.append(
        "  " + String(format: "%8.2f", p.fraction) + String(format: "%7d", p.kept) + Format.percent(p.discriminative).leftPadded(16)
          + (Format.percent(p.randomMean) + " ± " + Format.percent(p.randomStd)).leftPadded(21) + Format.percent(p.variance).leftPadded(10))
    }
    if let c = compressible, c.fraction == 1 {
      lines.append("only the full set (fraction 1) stays within 1 point of the full representation: not compressible at these fractions")
    } else if let c = compressible, let v = verdict {
      lines.append(
        "compressible by \(Format.percent(1 - c.fraction)): keeping \(c.kept) features (\(Format.percent(c.fraction))) stays within 1 point "
          + "(\(Format.percent(c.discriminative)))")
      lines.append("  against random features of that size: " + Self.verdictText(v))
    } else {
      lines.append("no kept fraction stays within 1 point of the full representation")
    }
    lines += warnings.map(\.line)
    return lines.joined(separator: "\n")
  }

  /// The gap and how it compares with the random spread, in words.
  static func verdictText(_ v: CompressionVerdict) -> String {
    let gap = String(format: "%+.2f points", v.gap * 100)
    let random = "\(Format.percent(v.randomMean)) ± \(Format.percent(v.randomStd)) over \(v.seeds) seed\(v.seeds == 1 ? "" : "s")"
    switch v.outcome {
    case .noRandomSpread:
      return "\(gap) (random \(random)); too few seeds to measure the random spread, so this gap cannot be judged (use --seeds 3 or more)"
    case .withinRandomSpread:
      let z = v.standardDeviations.map { String(format: " (%.1f std)", $0) } ?? ""
      return "\(gap) (random \(random))\(z): within two standard deviations of the random rankings, not a measurable advantage"
    case .aboveRandom, .belowRandom:
      let z = v.standardDeviations.map { String(format: "%.1f", abs($0)) + " std" } ?? "random std 0"
      return "\(gap) (random \(random)): \(z) \(v.outcome == .aboveRandom ? "above" : "below") the random rankings"
    }
  }
}

/// The `compress --keep` result: the kept features' accuracy next to all features', and the
/// files written.
struct KeepReport {
  var fraction: Double
  var kept: Int, features: Int
  var accuracy: Double, full: Double
  var files: [String]
  var discriminativeCount: Int
  var dsetSource: DiscriminativeSource
  var warnings: [AnalysisWarning]
  var protocolKnobs: [(String, JSONValue)]
  var seconds: Double

  var json: JSONValue {
    .object([
      ("keep", .object([
        ("fraction", .number(fraction)), ("kept", .integer(kept)), ("features", .integer(features)), ("accuracy", .number(accuracy)),
        ("files", .array(files.map(JSONValue.string))),
      ])),
      ("full_accuracy", .number(full)), ("discriminative_count", .integer(discriminativeCount)), ("dset_source", dsetSource.json),
      ("warnings", .array(warnings.map(\.json))), ("protocol", .object(protocolKnobs)), ("seconds", .number(seconds)),
    ])
  }

  var summary: String {
    ([
      "kept \(kept) of \(features) features (fraction \(Format.number(fraction)), discriminative ranking; |Dset| = \(discriminativeCount); \(dsetSource.text))",
      "  test accuracy \(Format.percent(accuracy)) (all \(features) features: \(Format.percent(full)))",
      "  wrote " + files.joined(separator: ", "),
    ] + warnings.map(\.line)).joined(separator: "\n")
  }
}
