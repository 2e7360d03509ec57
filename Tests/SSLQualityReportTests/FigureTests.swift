// ssl-quality · FigureTests.swift — figure layout, ticks and well-formed SVG.

import Foundation
import Testing

@testable import SSLQuality
@testable import SSLQualityReport

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Parses `svg` as XML; true when well formed.
func isWellFormed(_ svg: String) -> Bool {
  XMLParser(data: Data(svg.utf8)).parse()
}

@Suite("Figures")
struct FigureTests {
  @Test func integerTicksForCounts() {
    let ticks = SVGChart.ticks(0...3.24, target: 6, integer: true)
    #expect(ticks.values == [0, 1, 2, 3])
    #expect(ticks.decimals == 0)
    let wide = SVGChart.ticks(0...1730, target: 6, integer: true)
    #expect(wide.values.allSatisfy { $0 == $0.rounded() })
  }

  @Test func tickDecimalsFollowTheStep() {
    let ticks = SVGChart.ticks(0.74...0.88, target: 7, integer: false)
    #expect(ticks.values.first.map { abs($0 - 0.74) < 1e-12 } == true)
    #expect(ticks.decimals == 2)
    #expect(SVGChart.tickText(0.8, decimals: ticks.decimals, percent: true) == "80%")
  }

  @Test func panelsStackInAPaperColumn() {
    let panel = SVGChart(title: "t", xLabel: "x", yLabel: "y", xRange: 0...1, yRange: 0...1)
    #expect(Figure(title: "f", subtitle: "s", panels: [panel, panel, panel], width: 960).columns == 3)
    #expect(Figure(title: "f", subtitle: "s", panels: [panel, panel, panel], width: 320).columns == 1)
  }

  @Test func scoreFigureGivesEachBootstrappedAUPRCItsInterval() throws {
    let q: [Double] = [0, 0, 1.5, 2, 0, 3, 0.7, 4, 2.5, 0.1]
    let correct = [true, true, true, false, false, true, false, true, true, false]
    let report = MisclassificationReport(correct: correct, scores: [.q: q], bootstrap: StratifiedBootstrap(resamples: 50, seed: 1))
    let svg = Plots.qScores(QScoreDistribution(q: q, correct: correct), misclassification: report, probe: nil, subtitle: "s")
    let interval = try #require(report.scores.first?.auprcCorrectBootstrap?.interval)
    #expect(isWellFormed(svg))
    let bounds = String(format: "[%.1f–%.1f]", interval.lower * 100, interval.upper * 100)
    #expect(svg.contains("AUPRC \(Plots.percent(report.scores[0].auprcCorrect)) \(bounds)"))
  }

  @Test func scoreFigureNamesEveryBaselineWithItsAUPRCAndTheBaseRate() {
    let q: [Double] = [0, 0, 1.5, 2, 0, 3, 0.7, 4]
    let correct = [true, true, true, false, false, true, false, true]
    let report = MisclassificationReport(
      correct: correct, scores: [.q: q, .msp: [0.9, 0.8, 0.7, 0.2, 0.3, 0.95, 0.4, 0.99], .l1: [1, 2, 3, 4, 5, 6, 7, 8]])
    let svg = Plots.qScores(
      QScoreDistribution(q: q, correct: correct), misclassification: report, probe: "kNN probe", subtitle: "demo.npy · ε 4 · band 50:95")
    #expect(isWellFormed(svg))
    for m in report.scores { #expect(svg.contains("AUPRC \(Plots.percent(m.auprcCorrect))")) }
    #expect(svg.contains("base rate (probe accuracy) \(Plots.percent(report.accuracy))"))
    #expect(svg.contains("kNN probe"))
    #expect(!svg.contains("linear-probe"))
    #expect(svg.contains("demo.npy · ε 4 · band 50:95"))
    // The Q = 0 share of each outcome is annotated: 2 of 5 correct, 1 of 3 misclassified.
    #expect(svg.contains("2 of 5 (40.0%)") && svg.contains("1 of 3 (33.3%)"))
    // Okabe–Ito colours only, no translucent fills over the histograms.
    #expect(svg.contains(Palette.blue) && svg.contains(Palette.vermillion))
    #expect(!svg.contains("fill-opacity=\"0.55\""))
  }

  @Test func everyFigureIsWellFormed() {
    let d = DiscriminativeFeatures(frequencies: [0, 0.1, 0.2, 0.05, 0.3], band: 50...95)
    #expect(isWellFormed(Plots.activationFrequencies(d, subtitle: "a & b <c>")))
    let h = Histogram([0.1, 0.2, 0.9], bins: 20, range: 0...1)
    #expect(isWellFormed(Plots.interpretability(core: [.init(label: "all images", histogram: h)], spurious: [], subtitle: "s", width: 320)))
  }

  @Test func comparisonDrawsLongerLinesForBetterValuesAndRowLabelsApart() throws {
    let titles = ["RankMe / D", "RankMe (centred) / D", "effective rank / D", "collapse std × √D", "kNN acc.", "linear acc.", "Q AUROC"]
    let columns = titles.enumerated().map { c, title in (title: title, values: [0.2, 0.8, nil, 0.5 + Double(c) / 100] as [Double?]) }
    let svg = Plots.comparison(names: ["a", "b", "c", "d"], widths: [128, 256, 512, 2048], columns: columns, width: 320)
    #expect(isWellFormed(svg))
    #expect(svg.contains("a (D = 128)") && svg.contains("d (D = 2048)"))
    // Row labels: one per column, right-aligned left of the axis, at least a text line apart.
    let labels = svg.matches(of: try Regex(#"<text x="[0-9.]+" y="([0-9.]+)" text-anchor="end" font-size="10.00">([^<]+)</text>"#))
    #expect(labels.compactMap { $0.output[2].substring.map(String.init) } == titles)
    let ys = labels.compactMap { $0.output[1].substring.flatMap { Double($0) } }
    #expect(ys.count == titles.count && zip(ys, ys.dropFirst()).allSatisfy { $1 - $0 >= 12 })
    // Each line runs from x = 0 to its value: b's (0.8) is four times a's (0.2) in the first row.
    let lines = svg.matches(of: try Regex(#"<polyline [^>]* points="([0-9.]+),[0-9.]+ ([0-9.]+),[0-9.]+""#)).map { match in
      (match.output[1].substring.flatMap { Double($0) } ?? .nan, match.output[2].substring.flatMap { Double($0) } ?? .nan)
    }
    #expect(lines.count == 3 * titles.count)
    let (a0, a1) = lines[0], (b0, b1) = lines[titles.count]
    #expect(a0 == b0 && abs((b1 - b0) - 4 * (a1 - a0)) < 0.05)
  }
}
