// ssl-quality · FeaturesCommand.swift — `ssl-quality features EMB`.

import ArgumentParser
import Foundation
import SSLQuality
import SSLQualityAnalysis
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
      non-zero A_j lies within the percentile band. With --discriminative-from, A_j and Dset \
      are those of that matrix (features has no train split; by the one rule of every \
      command, Dset is otherwise fitted on EMB).
      """)

  @Argument(help: "Embeddings (N × D): path, path.npz:key, path.safetensors:name or path.pth:key.")
  var embeddings: String

  @OptionGroup var analysis: AnalysisOptions
  @OptionGroup(title: "Dset") var dset: DiscriminativeOptions

  @OptionGroup(title: "Figure (A_j sorted, the band shaded)") var figure: PlotOptions

  @OptionGroup var threading: ThreadOptions
  @OptionGroup var output: JSONOutputOptions
  @OptionGroup var nonFinite: StrictOptions

  func validate() throws { _ = try dset.single() }

  func run() throws {
    let outputs = try OutputSet(
      [("--json-out", output.jsonOut), ("--plot", figure.plot)], inputs: [("<embeddings>", embeddings)] + dset.inputs)
    var features = FeaturesAnalysis(embeddings: embeddings)
    features.discriminativeFrom = try dset.single()
    (features.epsilon, features.band, features.strict) = (analysis.epsilon, analysis.band.range, nonFinite.strict)
    let outcome = try features.run(context: threading.context("features"), notices: NoticeText.sink())
    let result = outcome.result
    if let plot = figure.plot {
      var subtitle = FigureSubtitle.of(file: outcome.source, samples: result.samples, features: result.features, epsilon: analysis.epsilon, band: analysis.band)
      if result.dsetSource.rule != .analysed { subtitle += " · A_j and Dset of \(result.dsetSource.path)" }
      try outputs.write(Plots.activationFrequencies(outcome.discriminative, subtitle: subtitle, width: figure.plotWidth), to: plot)
    }
    try output.emit(result: result, text: summary(outcome), outputs: outputs)
  }

  private func summary(_ outcome: FeaturesAnalysis.Outcome) -> String {
    let r = outcome.result
    let active = r.activationFrequency.count { $0 > 0 }
    var lines = [
      "\(outcome.source): \(r.samples) samples × \(r.features) features",
      "  ε \(Format.number(r.epsilon)): \(active) features are highly active for at least one sample",
    ]
    if let thresholds = r.thresholds {
      lines.append(
        "  band \(Format.number(r.band[0])):\(Format.number(r.band[1])) of non-zero A_j → "
          + "[\(Format.number(thresholds[0])), \(Format.number(thresholds[1]))]: |Dset| = \(r.discriminativeCount)")
      let shown = r.discriminativeFeatures.prefix(20).map(String.init).joined(separator: " ")
      lines.append("  Dset: \(shown)\(r.discriminativeCount > 20 ? " … (--json lists all)" : "")")
    } else {
      lines.append("  no feature is highly active for any sample: Dset is empty (try a smaller --epsilon)")
    }
    lines.append("  \(r.dsetSource.text)")
    lines += r.warnings.map(\.line)
    return lines.joined(separator: "\n")
  }
}
