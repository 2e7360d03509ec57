// ssl-quality · FeaturesCommand.swift — `ssl-quality features EMB`.

import ArgumentParser
import Foundation
import SSLQuality
import SSLQualityIO
import SSLQualityReport

/// Finds the discriminative features of a representation.
struct FeaturesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "features",
    abstract: "Find the discriminative features: activation frequencies A_j and the band Dset.",
    discussion: """
      Reads EMB once. A feature is highly active for a sample when h_ij > μ_i + ε σ_i; A_j is \
      the share of samples for which feature j is highly active; Dset keeps the features whose \
      non-zero A_j lies within the percentile band.
      """)

  @Argument(help: "Embeddings (N × D): path, path.npz:key or path.safetensors:name.")
  var embeddings: String

  @OptionGroup var analysis: AnalysisOptions

  @Option(help: ArgumentHelp("Same as --json-out (kept for scripts written before --json-out).", visibility: .hidden))
  var out: String?

  @OptionGroup(title: "Figure (A_j sorted, the band shaded)") var figure: PlotOptions

  @OptionGroup var common: CommonOptions

  func run() throws {
    let outputs = try OutputSet([("--json-out", common.jsonOut), ("--out", out), ("--plot", figure.plot)])
    let source = try ArrayFile.open(embeddings).matrix()
    let profile = try ActivationPass.run(source, epsilon: analysis.epsilon, strict: common.strict, context: common.context("features"))
    let discriminative = DiscriminativeFeatures(frequencies: profile.activationFrequency, band: analysis.band.range)
    let report = FeaturesReport(
      source: source.array.name, samples: profile.samples, features: profile.features, epsilon: analysis.epsilon,
      discriminative: discriminative,
      dsetSource: DiscriminativeSource(rule: .analysed, path: source.array.name, samples: profile.finiteSamples),
      warnings: AnalysisWarning.scoring(discriminativeCount: discriminative.count, empty: 0, samples: 0))
    if let out { try outputs.write(report.json.serialized() + "\n", to: out) }
    if let plot = figure.plot {
      let subtitle = FigureSubtitle.of(file: source.array.name, samples: profile.samples, features: profile.features, epsilon: analysis.epsilon, band: analysis.band)
      try outputs.write(Plots.activationFrequencies(discriminative, subtitle: subtitle, width: figure.plotWidth), to: plot)
    }
    try common.emit(json: report.json, text: report.summary, outputs: outputs)
  }
}

/// The `features` result in the documented JSON schema and as a summary.
struct FeaturesReport {
  var source: String
  var samples: Int, features: Int
  var epsilon: Double
  var discriminative: DiscriminativeFeatures
  var dsetSource: DiscriminativeSource
  var warnings: [AnalysisWarning]

  var json: JSONValue {
    .object([
      ("samples", .integer(samples)), ("features", .integer(features)), ("epsilon", .number(epsilon)),
      ("band", .array([.number(discriminative.band.lowerBound), .number(discriminative.band.upperBound)])),
      ("thresholds", discriminative.thresholds.map { .array([.number($0.low), .number($0.high)]) } ?? .null),
      ("activation_frequency", .array(discriminative.frequencies.map(JSONValue.number))),
      ("discriminative_features", .array(discriminative.indices.map(JSONValue.integer))),
      ("discriminative_count", .integer(discriminative.count)), ("dset_source", dsetSource.json),
      ("warnings", .array(warnings.map(\.json))),
    ])
  }

  var summary: String {
    let active = discriminative.frequencies.count { $0 > 0 }
    var lines = [
      "\(source): \(samples) samples × \(features) features",
      "  ε \(Format.number(epsilon)): \(active) features are highly active for at least one sample",
    ]
    if let thresholds = discriminative.thresholds {
      lines.append(
        "  band \(Format.number(discriminative.band.lowerBound)):\(Format.number(discriminative.band.upperBound)) of non-zero A_j → "
          + "[\(Format.number(thresholds.low)), \(Format.number(thresholds.high))]: |Dset| = \(discriminative.count)")
      let shown = discriminative.indices.prefix(20).map(String.init).joined(separator: " ")
      lines.append("  Dset: \(shown)\(discriminative.count > 20 ? " … (--json lists all)" : "")")
    } else {
      lines.append("  no feature is highly active for any sample: Dset is empty (try a smaller --epsilon)")
    }
    lines.append("  \(dsetSource.text)")
    lines += warnings.map(\.line)
    return lines.joined(separator: "\n")
  }
}

/// The one pass, with progress on stderr and the sanity warnings every analysis prints.
enum ActivationPass {
  static func run(_ source: StoredMatrix, epsilon: Double, strict: Bool, context: ExecutionContext) throws -> ActivationProfile {
    try run(source, name: source.array.name, epsilon: epsilon, strict: strict, context: context)
  }

  /// The pass over a matrix already in memory; `name` names it in progress and warnings.
  /// Rows holding NaN or Inf are left out with a warning, or refused under `strict`.
  static func run(_ source: some RowSource, name: String, epsilon: Double, strict: Bool, context: ExecutionContext) throws -> ActivationProfile {
    let profile = ActivationProfile.measure(source, epsilon: epsilon, name: name, context: context)
    context.report(.finished)
    try profile.sanity.leaveOutNonFinite(of: name, strict: strict)
    for warning in SanityWarnings.messages(profile.sanity) { StandardError.write("ssl-quality: warning: \(InputError.escaped(name)): \(warning)\n") }
    return profile
  }
}
