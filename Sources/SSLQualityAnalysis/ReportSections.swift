// ssl-quality · ReportSections.swift — analysis results as the tables, figures and warnings of a report page.

import Foundation
import SSLQuality
import SSLQualityReport

/// One analysis shown in a report.
public enum ReportSection: Sendable {
  case spectrum(name: String, SpectrumResult)
  case score(name: String, ScoreAnalysis.Outcome)
  case comparison(RepresentationComparison)
  case calibration(name: String, CalibrateResult)
}

/// Adds sections to a page.
enum ReportSections {
  static func add(_ section: ReportSection, to page: inout HTMLReport) {
    switch section {
    case .spectrum(let name, let result): addSpectrum(name, result, to: &page)
    case .score(let name, let score): addScore(name, score, to: &page)
    case .comparison(let result): addComparison(result, to: &page)
    case .calibration(let name, let result): addCalibration(name, result, to: &page)
    }
  }

  static func number(_ value: Double?) -> String { value.map { String(format: "%.6g", $0) } ?? "–" }

  static func addSpectrum(_ name: String, _ r: SpectrumResult, to page: inout HTMLReport) {
    let rows: [(String, String)] = [
      ("samples × features", "\(r.samples) × \(r.features)"),
      ("RankMe", number(r.rankme)), ("RankMe (centred)", number(r.rankmeCentered)),
      ("α-ReQ (ranks \(r.alphaRange[0])–\(r.alphaRange[1]))", number(r.alpha)), ("α-ReQ fit R²", number(r.alphaR2)),
      ("effective rank", number(r.effectiveRank)), ("dead features", String(r.deadFeatures)),
      ("collapse std (1/√D = \(number(r.collapseReference)))", number(r.collapseStd)),
    ] + (r.views.map { v in
      [("alignment", number(v.alignment)), ("uniformity (mean of the views)", number(v.uniformity))]
    } ?? [])
    page.tables.append(HTMLReport.Table(
      title: "Spectrum of \(name)", header: ["measure", "value"], rows: rows.map { HTMLReport.Row([.init($0.0), .init($0.1)]) }))
    page.figures.append(HTMLReport.Figure(
      title: "Eigenspectrum of \(name)",
      caption: "Population-covariance eigenvalues λ_k / λ_1 against rank k (log-log); dashed: the α-ReQ least-squares fit.",
      svg: Plots.spectra([(name, r)])))
    if r.deadFeatures > 0 { page.warnings.append("\(name): \(r.deadFeatures) features are zero in every row") }
    if r.alpha == nil { page.warnings.append("\(name): α-ReQ not defined (fewer than two positive eigenvalues in the fitted ranks)") }
  }

  static func addScore(_ name: String, _ s: ScoreAnalysis.Outcome, to page: inout HTMLReport) {
    let r = s.result, summary = r.q
    var rows: [(String, String)] = [
      ("ε, band", "\(Format.number(r.epsilon)), \(Format.number(r.band[0])):\(Format.number(r.band[1]))"),
      ("|Dset|", String(r.discriminativeCount)),
      ("Dset source", r.dsetSource.text),
      ("samples with Q = 0", "\(r.emptyCount) of \(r.finiteSamples)"),
      ("Q mean / median / max", "\(number(summary.mean)) / \(number(summary.median)) / \(number(summary.max))"),
    ]
    if let m = s.misclassification {
      rows.append(("probe accuracy (AUPRC-correct base rate)", Format.percent(m.accuracy)))
      for metrics in m.scores {
        rows.append(("\(metrics.name): AUPRC-correct / AUPRC-misclassified / AUROC",
          "\(Format.percent(metrics.auprcCorrect)) / \(Format.percent(metrics.auprcMisclassified)) / \(Format.percent(metrics.auroc))"))
      }
    }
    page.tables.append(HTMLReport.Table(
      title: "Q-Score of \(name)", header: ["measure", "value"], rows: rows.map { HTMLReport.Row([.init($0.0), .init($0.1)]) }))
    page.figures.append(HTMLReport.Figure(
      title: "Q-Scores of \(name)", caption: "Histogram of Q (split by the probe's correct and wrong predictions when given).",
      svg: Plots.qScores(
        s.distribution, misclassification: s.misclassification,
        probe: s.probeOutcome == nil ? nil : "probe",
        subtitle: name)))
    page.figures.append(HTMLReport.Figure(
      title: "Activation frequencies of \(name)", caption: "A_j sorted, the discriminative band shaded; \(r.dsetSource.text).",
      svg: Plots.activationFrequencies(s.discriminative, subtitle: "\(name) · \(r.dsetSource.text)")))
    for notice in AnalysisNotice.sanity(zeroRows: r.sanity.zeroRows, negativeShare: r.sanity.negativeShare, of: name) {
      page.warnings.append("\(name): \(notice.message)")
    }
    if r.finiteSamples > 0, Double(r.emptyCount) > 0.5 * Double(r.finiteSamples) {
      page.warnings.append(
        "\(name): \(r.emptyCount) of \(r.finiteSamples) samples have Q = 0 at ε \(Format.number(r.epsilon)); a smaller ε makes Q informative on dense features")
    }
  }

  static func addCalibration(_ name: String, _ result: CalibrateResult, to page: inout HTMLReport) {
    let c = result.calibration
    let labelled = c.rows.contains { $0.misclassification != nil }
    let rows = c.rows.map { row in
      var cells: [HTMLReport.Cell] = [
        .init(Format.number(row.epsilon), best: row.epsilon == c.recommendedEpsilon), .init(String(row.discriminativeCount)),
        .init(Format.percent(row.emptyShare)), .init(number(row.q.mean)), .init(number(row.q.median)), .init(number(row.q.max)),
      ]
      if let m = row.misclassification {
        cells += [.init(Format.percent(m.scores.q.auroc), best: row.epsilon == c.labelOptimalEpsilon), .init(Format.percent(m.scores.q.auprcCorrect))]
      }
      return HTMLReport.Row(cells)
    }
    var note = "Recommended ε \(c.recommendedEpsilon.map(Format.number) ?? "none"): the \(c.recommendationRule)."
    if let optimal = c.labelOptimalEpsilon { note += " Label-optimal ε \(Format.number(optimal)): the largest AUROC of Q." }
    note += " \(result.dsetSource.text) at every ε."
    page.tables.append(HTMLReport.Table(
      title: "ε calibration of \(name)",
      header: ["ε", "|Dset|", "Q = 0", "Q mean", "Q median", "Q max"] + (labelled ? ["AUROC", "AUPRC-correct"] : []), rows: rows, note: note))
    page.figures.append(HTMLReport.Figure(
      title: "ε calibration of \(name)",
      caption: "Share of samples with Q = 0 and |Dset| / D against ε (and, with labels, AUROC and AUPRC-correct of Q); dashed: the recommended and label-optimal ε.",
      svg: Plots.calibration(c)))
  }

  static func addComparison(_ result: RepresentationComparison, to page: inout HTMLReport) {
    let rows = result.rows.enumerated().map { r, row in
      HTMLReport.Row([.init(row.name)] + result.columns.map { .init(ComparisonCell.text($0.value(row), column: $0), best: $0.best.contains(r)) })
    }
    page.tables.append(HTMLReport.Table(
      title: "Comparison", header: ["representation"] + result.columns.map(\.title), rows: rows,
      note: "Best value per column highlighted (α-ReQ: closest to 1; |Dset| and Q mean are not ranked). ε \(Format.number(result.epsilon)), band \(Format.number(result.band[0])):\(Format.number(result.band[1]))."
        + result.rows.map { " \($0.name): \($0.dsetSource.text)." }.joined()))
    page.figures.append(HTMLReport.Figure(
      title: "Eigenspectra", caption: "Each representation's covariance eigenvalues λ_k / λ_1 (log-log) with its α-ReQ fit dashed.",
      svg: Plots.spectra(result.rows.map { ($0.name, $0.spectrum) })))
    page.figures.append(HTMLReport.Figure(
      title: "Columns compared", caption: "Each column divided by its largest magnitude.", svg: Plots.comparison(names: result.rows.map(\.name), columns: result.columnValues)))
    for row in result.rows where row.deadFeatures > 0 { page.warnings.append("\(row.name): \(row.deadFeatures) features are zero in every row") }
  }
}
