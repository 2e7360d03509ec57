// ssl-quality · AnalysisOptions.swift — ε and the percentile band, shared by features and score.

import ArgumentParser
import SSLQualityAnalysis

/// `--epsilon` and `--band`.
struct AnalysisOptions: ParsableArguments {
  @Option(parsing: .unconditional, help: "ε in the highly-activating rule h_ij > μ_i + ε σ_i.")
  var epsilon: Double = 4

  @Option(help: ArgumentHelp("Percentile band of non-zero activation frequencies kept as discriminative.", valueName: "lo:hi"))
  var band: PercentileBand = PercentileBand(low: 50, high: 95)

  mutating func validate() throws {
    try FlagRules.atLeast("--epsilon", epsilon)
  }
}

/// A percentile band `lo:hi` with `0 ≤ lo ≤ hi ≤ 100`.
struct PercentileBand: ExpressibleByArgument, Equatable {
  var low: Double
  var high: Double

  init(low: Double, high: Double) {
    self.low = low
    self.high = high
  }

  init?(argument: String) {
    let parts = argument.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 2, let low = Double(parts[0]), let high = Double(parts[1]), low.isFinite, high.isFinite,
      0 <= low, low <= high, high <= 100
    else { return nil }
    self.init(low: low, high: high)
  }

  var defaultValueDescription: String { "\(Format.number(low)):\(Format.number(high))" }
  var range: ClosedRange<Double> { low...high }
}
