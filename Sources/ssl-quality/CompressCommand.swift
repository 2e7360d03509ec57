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
      the kept columns of train and evaluated on test. The summary names the smallest fraction \
      whose discriminative accuracy is within 1 point of the full representation.
      """)

  @Option(help: "Train embeddings (N × D).") var train: String
  @Option(help: "Train labels.") var trainLabels: String
  @Option(help: "Test embeddings (M × D).") var test: String
  @Option(help: "Test labels.") var testLabels: String

  @Option(help: "Kept fractions, comma-separated, each in (0, 1].")
  var fractions = FractionList(values: (1...10).map { Double($0) / 10 })

  @Option(help: "Random rankings to average.") var seeds = 3

  @OptionGroup var analysis: AnalysisOptions

  @Option(name: .customLong("C"), help: "Inverse L2 strength of the probe.") var inverseRegularization: Double = 1
  @Option(help: "Probe stopping rule: largest gradient component.") var tolerance: Double = 1e-4
  @Option(help: "Probe L-BFGS iteration limit.") var maxIter: Int = 1000

  @Flag(help: "Start each probe from the previous fraction's solution (faster; may stop early on flat objectives).")
  var warmStart = false

  @Option(help: "Write the curve as CSV.") var csv: String?
  @OptionGroup(title: "Figure (accuracy against kept fraction)") var figure: PlotOptions
  @Option(help: "Keep this fraction of features (ranked by discriminativeness) and write --out.") var keep: Double?
  @Option(help: "Directory for train.npy, test.npy and kept_features.npy (with --keep).") var out: String?

  @OptionGroup var common: CommonOptions

  func validate() throws {
    guard !fractions.values.isEmpty, fractions.values.allSatisfy({ $0 > 0 && $0 <= 1 }) else {
      throw ValidationError("--fractions must be a non-empty list of numbers in (0, 1], got \(fractions.values)")
    }
    guard seeds >= 0 else { throw ValidationError("--seeds must be at least 0") }
    guard inverseRegularization > 0, tolerance > 0, maxIter >= 1 else { throw ValidationError("--C and --tolerance must be positive, --max-iter at least 1") }
    if let keep, !(keep > 0 && keep <= 1) { throw ValidationError("--keep must lie in (0, 1], got \(keep)") }
    if (keep == nil) != (out == nil) { throw ValidationError("--keep and --out go together") }
  }

  func run() throws {
    let started = Date()
    let testMatrix = try ArrayFile.open(test).matrix()
    let truth = try ArrayFile.open(testLabels).labels(matchingRows: testMatrix.rows, of: testMatrix.array.name)
    let context = common.context("compress")
    let inputs = try ProbeInputs.load(
      train: train, trainLabels: trainLabels, test: testMatrix, testLabels: truth, testLabelsName: testLabels, context: context)
    let profile = ActivationPass.run(inputs.train, name: train, epsilon: analysis.epsilon, context: common.context("fit Dset"))
    let discriminative = DiscriminativeFeatures(frequencies: profile.activationFrequency, band: analysis.band.range)
    var probe = LogisticRegressionProbe()
    probe.inverseRegularization = inverseRegularization
    probe.optimizer.tolerance = tolerance
    probe.optimizer.maxIterations = maxIter
    var sweep = CompressionSweep(
      fractions: fractions.values, seeds: seeds, probe: probe, discriminative: discriminative, train: inputs.train, context: context)
    sweep.warmStart = warmStart
    let (full, points) = sweep.run(train: inputs.train, trainLabels: inputs.trainLabels, test: inputs.test, testLabels: truth, context: context)
    context.report(.finished)
    if let keep, let out { try writeKept(fraction: keep, ranking: discriminative.ranking, train: inputs.train, test: inputs.test, directory: out) }
    let report = CompressReport(
      full: full, points: points, discriminativeCount: discriminative.count, seconds: Date().timeIntervalSince(started),
      protocolKnobs: [
        ("epsilon", .number(analysis.epsilon)), ("band", .array([.number(analysis.band.low), .number(analysis.band.high)])),
        ("C", .number(inverseRegularization)), ("tolerance", .number(tolerance)), ("max_iter", .integer(maxIter)),
        ("standardize", .bool(true)), ("seeds", .integer(seeds)), ("fractions", .array(sweep.fractions.map(JSONValue.number))),
        ("warm_start", .bool(warmStart)),
      ])
    if let csv { try AtomicFile.write(report.csv, to: csv) }
    if let plot = figure.plot {
      let subtitle = FigureSubtitle.of(
        file: "train \(inputs.train.rows) × \(inputs.train.columns), test \(inputs.test.rows) (\(test))", samples: nil, features: nil,
        epsilon: analysis.epsilon, band: analysis.band) + " · Dset fitted on \(train) · logreg C = \(Format.number(inverseRegularization))"
      try AtomicFile.write(
        Plots.compression(points, full: full, seeds: seeds, probe: "logreg probe", subtitle: subtitle, width: figure.plotWidth), to: plot)
    }
    print(common.json ? report.json.serialized() : report.summary)
  }

  private func writeKept(fraction: Double, ranking: [Int], train: Matrix, test: Matrix, directory: String) throws {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw InputError(directory, "is not an existing directory")
    }
    let columns = Array(ranking.prefix(CompressionSweep.keptCount(fraction, of: train.columns)))
    try NPYWriter.write(CompressionSweep.select(train, columns: columns), to: directory + "/train.npy")
    try NPYWriter.write(CompressionSweep.select(test, columns: columns), to: directory + "/test.npy")
    try NPYWriter.write(columns, to: directory + "/kept_features.npy")
  }
}

/// The `compress` result as JSON, CSV and summary.
struct CompressReport {
  var full: Double
  var points: [CompressionSweep.Point]
  var discriminativeCount: Int
  var seconds: Double
  var protocolKnobs: [(String, JSONValue)]

  var compressible: CompressionSweep.Point? { CompressionSweep.compressibleFraction(points, full: full) }

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
      ("discriminative_count", .integer(discriminativeCount)),
      ("protocol", .object(protocolKnobs)), ("seconds", .number(seconds)),
    ])
  }

  var csv: String {
    CSVWriter.render(
      header: ["fraction", "kept", "discriminative", "random_mean", "random_std", "variance"],
      rows: points.map { ["\($0.fraction)", "\($0.kept)", "\($0.discriminative)", "\($0.randomMean)", "\($0.randomStd)", "\($0.variance)"] })
  }

  var summary: String {
    var lines = ["full representation: accuracy \(Format.percent(full)); |Dset| = \(discriminativeCount)",
                 "  fraction   kept  discriminative  random (mean ± std)  variance"]
    for p in points {
      lines.append(
        "  " + String(format: "%8.2f", p.fraction) + String(format: "%7d", p.kept) + Format.percent(p.discriminative).leftPadded(16)
          + (Format.percent(p.randomMean) + " ± " + Format.percent(p.randomStd)).leftPadded(21) + Format.percent(p.variance).leftPadded(10))
    }
    if let c = compressible {
      lines.append(
        "compressible by \(Format.percent(1 - c.fraction)): keeping \(c.kept) features (\(Format.percent(c.fraction))) stays within 1 point "
          + "(\(Format.percent(c.discriminative))); random features of that size: \(Format.percent(c.randomMean)) "
          + "(gap \(String(format: "%+.2f", (c.discriminative - c.randomMean) * 100)) points)")
    } else {
      lines.append("no kept fraction stays within 1 point of the full representation")
    }
    return lines.joined(separator: "\n")
  }
}
