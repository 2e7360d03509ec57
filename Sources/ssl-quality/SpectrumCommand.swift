// ssl-quality · SpectrumCommand.swift — `ssl-quality spectrum EMB`.

import ArgumentParser
import Foundation
import SSLQuality
import SSLQualityAnalysis
import SSLQualityIO
import SSLQualityReport

/// Label-free spectral measures of one representation.
struct SpectrumCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "spectrum",
    abstract: "RankMe, α-ReQ, effective rank, dead features and collapse from the eigenspectrum; alignment/uniformity of two views.",
    discussion: """
      Reads EMB once, gathering the Gram matrix of its smaller side (D × D, or N × N when \
      N < D) and column sums, then one symmetric eigendecomposition each of the uncentred and \
      the centred Gram matrix (LAPACK dsyevd_2stage). A file whose Gram matrices would not fit \
      in memory is refused before it is read. --bootstrap N adds percentile intervals of \
      RankMe and α-ReQ from N replicates that resample the rows: N more passes and 2N more \
      eigendecompositions. See docs/spectrum.md.
      """)

  @Argument(help: "Embeddings (N × D): path, path.npz:key, path.safetensors:name or path.pth:key.")
  var embeddings: String

  @Option(help: ArgumentHelp("Ranks of the α-ReQ power-law fit, from 1, inclusive (default 6:100, as reptrix).", valueName: "lo:hi"))
  var alphaRange: RankRange = RankRange(SpectralMeasures.defaultAlphaRange)

  @Option(help: "Write the population-covariance eigenvalues (descending, float64) to this .npy file.")
  var eigenvaluesOut: String?

  @Option(parsing: .upToNextOption, help: ArgumentHelp("Two views of the same samples (row i of each): alignment and uniformity.", valueName: "A B"))
  var views: [String] = []

  @Option(help: "Bootstrap replicates over rows for 95% intervals of RankMe and α-ReQ (0: none; each costs one more pass).")
  var bootstrap = 0

  @Option(help: "Seed of the bootstrap.")
  var seed: UInt64 = 0

  @OptionGroup(title: "Figure (the eigenspectrum, log-log, with the α-ReQ fit)") var figure: PlotOptions

  @OptionGroup var threading: ThreadOptions
  @OptionGroup var output: JSONOutputOptions
  @OptionGroup var nonFinite: StrictOptions

  func validate() throws {
    if !views.isEmpty && views.count != 2 { throw ValidationError("--views takes two arrays, got \(views.count)") }
    if bootstrap < 0 { throw ValidationError("--bootstrap must be at least 0, got \(bootstrap)") }
  }

  func run() throws {
    let outputs = try OutputSet(
      [("--json-out", output.jsonOut), ("--eigenvalues-out", eigenvaluesOut), ("--plot", figure.plot)],
      inputs: [("<embeddings>", embeddings)] + views.map { ("--views", $0) })
    var spectrum = SpectrumAnalysis(embeddings: embeddings)
    (spectrum.alphaRange, spectrum.strict) = (alphaRange.range, nonFinite.strict)
    (spectrum.bootstrap, spectrum.seed) = (bootstrap, seed)
    if views.count == 2 { spectrum.views = (views[0], views[1]) }
    let outcome = try spectrum.run(context: threading.context("spectrum"), notices: NoticeText.sink())
    let result = outcome.result
    if let eigenvaluesOut { try NPYWriter.write(result.eigenvalues, to: eigenvaluesOut, in: outputs) }
    if let plot = figure.plot {
      let subtitle = "\(outcome.source) · \(outcome.rows) samples × \(outcome.columns) features · α-ReQ fit over ranks \(alphaRange.range.lowerBound)–\(alphaRange.range.upperBound)"
      try outputs.write(
        Plots.spectra([((outcome.source as NSString).lastPathComponent, result)], subtitle: subtitle, width: figure.plotWidth), to: plot)
    }
    try output.emit(result: result, text: SpectrumSummary.text(result, source: outcome.source, nonFiniteRows: outcome.nonFiniteRows), outputs: outputs)
  }
}

/// The `spectrum` summary for a terminal.
enum SpectrumSummary {
  static func text(_ r: SpectrumResult, source: String, nonFiniteRows: Int) -> String {
    var lines = ["\(source): \(r.samples) samples × \(r.features) features" + (nonFiniteRows > 0 ? " (\(nonFiniteRows) NaN/Inf rows left out)" : "")]
    let intervals = r.bootstrap.map { b in
      (rankme: interval(b.rankme), centred: interval(b.rankmeCentered), alpha: interval(b.alpha))
    }
    lines.append(
      "  RankMe \(Format.number(r.rankme))\(intervals?.rankme ?? "") (centred \(Format.number(r.rankmeCentered))\(intervals?.centred ?? "")) of at most \(min(r.samples, r.features))")
    lines.append("    " + r.rankmeReading)
    if let alpha = r.alpha, let r2 = r.alphaR2 {
      lines.append("  α-ReQ \(Format.number(alpha))\(intervals?.alpha ?? "") over ranks \(r.alphaRange[0])–\(r.alphaRange[1]) (log-log R² \(Format.number(r2)))")
    } else {
      lines.append("  α-ReQ: fewer than two positive eigenvalues in ranks \(r.alphaRange[0])–\(r.alphaRange[1])")
    }
    lines.append("  effective rank \(Format.number(r.effectiveRank)) (covariance spectrum)")
    lines.append(
      "  collapse: mean std of the L2-normalised rows \(Format.number(r.collapseStd)) (0 = collapsed; 1/√D = \(Format.number(r.collapseReference)))")
    lines.append("  dead features (zero in every row): \(r.deadFeatures)")
    if let v = r.views {
      lines.append(
        "  views: alignment \(Format.number(v.alignment)), uniformity \(Format.number(v.uniformity)) (A \(Format.number(v.uniformityA)), B \(Format.number(v.uniformityB)))")
    }
    if let b = r.bootstrap {
      lines.append("  \(Format.number(b.rankme.confidence * 100))% intervals in brackets: row bootstrap, \(b.resamples) resamples, seed \(b.seed)")
      let outside = [("RankMe", r.rankme, b.rankme), ("centred RankMe", r.rankmeCentered, b.rankmeCentered), ("α-ReQ", r.alpha ?? .nan, b.alpha)]
        .filter { $0.1.isFinite && $0.2.lower.isFinite && !$0.2.contains($0.1) }.map(\.0)
      if !outside.isEmpty {
        lines.append(
          "  note: \(outside.joined(separator: ", ")) \(outside.count == 1 ? "lies outside its bootstrap interval" : "lie outside their bootstrap intervals"): "
            + "rows drawn twice in a replicate shift these measures, so an interval shows their spread, not where the value lies")
      }
    }
    return lines.joined(separator: "\n")
  }

  /// ` [lo, hi]` of a bootstrap interval.
  private static func interval(_ interval: ConfidenceInterval) -> String {
    interval.lower.isFinite && interval.upper.isFinite ? " [\(Format.number(interval.lower)), \(Format.number(interval.upper))]" : " [undefined]"
  }
}

/// Ranks `lo:hi` with `1 ≤ lo < hi`.
struct RankRange: ExpressibleByArgument {
  var range: ClosedRange<Int>

  init(_ range: ClosedRange<Int>) { self.range = range }

  init?(argument: String) {
    let parts = argument.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 2, let lo = Int(parts[0]), let hi = Int(parts[1]), lo >= 1, hi > lo else { return nil }
    range = lo...hi
  }

  var defaultValueDescription: String { "\(range.lowerBound):\(range.upperBound)" }
}
