// ssl-quality · ReportSections.swift — analysis results as the tables, figures and warnings of a report page.

import Foundation
import SSLQuality
import SSLQualityReport

/// One analysis shown in a report: computed for the page, or a saved result read back
/// by `report --from` (whose tables state its provenance).
public enum ReportSection: Sendable {
  case spectrum(name: String, SpectrumResult)
  case score(name: String, ScoreAnalysis.Outcome)
  case comparison(RepresentationComparison)
  case calibration(name: String, CalibrateResult)
  case saved(SavedResult)
}

/// Adds sections to a page.
enum ReportSections {
  static func add(_ section: ReportSection, to page: inout HTMLReport) {
    switch section {
    case .spectrum(let name, let result): addSpectrum(name, result, source: "", to: &page)
    case .score(let name, let score): addScore(name, score, to: &page)
    case .comparison(let result): addComparison(result, source: "", to: &page)
    case .calibration(let name, let result): addCalibration(name, result, source: "", to: &page)
    case .saved(let saved): addSaved(saved, to: &page)
    }
  }

  static func addSaved(_ saved: SavedResult, to page: inout HTMLReport) {
    let name = saved.name, source = saved.provenance
    switch saved.document {
    case .spectrum(let result): addSpectrum(name, result, source: source, to: &page)
    case .calibration(let result): addCalibration(name, result, source: source, to: &page)
    case .comparison(let result): addComparison(result, source: source, to: &page)
    case .score(let result): addScoreTable(name, result, source: source, to: &page)
    case .probe(let result): addProbe(name, result, source: source, to: &page)
    case .compress(.sweep(let result)): addCompression(name, result, source: source, to: &page)
    case .compress(.keep(let result)): addKept(name, result, source: source, to: &page)
    case .finetune(let result): addFinetune(name, result, source: source, to: &page)
    }
  }

  static func number(_ value: Double?) -> String { value.map { String(format: "%.6g", $0) } ?? "–" }
  static func percent(_ value: Double?) -> String { value.map { $0.isFinite ? Format.percent($0) : "–" } ?? "–" }

  /// One line of a measure/value table. `interval` is a 95% interval with its method
  /// (e.g. `84.2%–88.6%, Wilson`), shown in a third column when any line has one.
  struct Measure {
    var name: String, value: String, interval: String? = nil
    init(_ name: String, _ value: String, interval: String? = nil) { (self.name, self.value, self.interval) = (name, value, interval) }
  }

  /// A two-column table (three when some measure has an interval).
  static func measureTable(_ title: String, source: String, _ measures: [Measure], note: String = "") -> HTMLReport.Table {
    let intervals = measures.contains { $0.interval != nil }
    return HTMLReport.Table(
      title: title, source: source, header: ["measure", "value"] + (intervals ? ["95% interval"] : []),
      rows: measures.map { m in HTMLReport.Row([.init(m.name), .init(m.value)] + (intervals ? [.init(m.interval ?? "–")] : [])) }, note: note)
  }

  /// `name: message; suggestion` for each warning of a result.
  static func warnings(_ name: String, _ list: [ReportedWarning]) -> [String] { list.map { "\(name): \($0.message); \($0.suggestion)" } }

  // MARK: - Spectrum, Q-Score, calibration, comparison

  static func addSpectrum(_ name: String, _ r: SpectrumResult, source: String, to page: inout HTMLReport) {
    let measures = [
      Measure("samples × features", "\(r.samples) × \(r.features)"),
      Measure("RankMe", number(r.rankme)), Measure("RankMe (centred)", number(r.rankmeCentered)),
      Measure("α-ReQ (ranks \(r.alphaRange[0])–\(r.alphaRange[1]))", number(r.alpha)), Measure("α-ReQ fit R²", number(r.alphaR2)),
      Measure("effective rank", number(r.effectiveRank)), Measure("dead features", String(r.deadFeatures)),
      Measure("collapse std (1/√D = \(number(r.collapseReference)))", number(r.collapseStd)),
    ] + (r.views.map { v in
      [Measure("alignment", number(v.alignment)), Measure("uniformity (mean of the views)", number(v.uniformity))]
    } ?? [])
    page.tables.append(measureTable("Spectrum of \(name)", source: source, measures))
    page.figures.append(HTMLReport.Figure(
      title: "Eigenspectrum of \(name)",
      caption: "Population-covariance eigenvalues λ_k / λ_1 against rank k (log-log); dashed: the α-ReQ least-squares fit.",
      svg: Plots.spectra([(name, r)])))
    if r.deadFeatures > 0 { page.warnings.append("\(name): \(r.deadFeatures) features are zero in every row") }
    if r.alpha == nil { page.warnings.append("\(name): α-ReQ not defined (fewer than two positive eigenvalues in the fitted ranks)") }
  }

  /// A computed score: its table and warnings, and the figures of its per-sample values.
  static func addScore(_ name: String, _ s: ScoreAnalysis.Outcome, to page: inout HTMLReport) {
    addScoreTable(name, s.result, source: "", to: &page)
    page.figures.append(HTMLReport.Figure(
      title: "Q-Scores of \(name)", caption: "Histogram of Q (split by the probe's correct and wrong predictions when given).",
      svg: Plots.qScores(s.distribution, misclassification: s.misclassification, probe: s.probeOutcome == nil ? nil : "probe", subtitle: name)))
    page.figures.append(HTMLReport.Figure(
      title: "Activation frequencies of \(name)", caption: "A_j sorted, the discriminative band shaded; \(s.result.dsetSource.text).",
      svg: Plots.activationFrequencies(s.discriminative, subtitle: "\(name) · \(s.result.dsetSource.text)")))
  }

  /// A score result's table (with where `Dset` came from) and its warnings, exactly those
  /// `score` reports, after the sanity notices.
  static func addScoreTable(_ name: String, _ r: ScoreResult, source: String, to page: inout HTMLReport) {
    var measures = [
      Measure("ε, band", "\(Format.number(r.epsilon)), \(Format.number(r.band[0])):\(Format.number(r.band[1]))"),
      Measure("Q-Score normalisation", r.normalize),
      Measure("|Dset|", String(r.discriminativeCount)),
      Measure("Dset source", r.dsetSource.text),
      Measure("samples with Q = 0", "\(r.emptyCount) of \(r.finiteSamples)"),
      Measure("Q mean / median / max", "\(number(r.q.mean)) / \(number(r.q.median)) / \(number(r.q.max))"),
    ]
    if let m = r.misclassification {
      measures.append(Measure("probe accuracy (AUPRC-correct base rate)", percent(m.accuracy), interval: m.accuracyInterval?.text(percent)))
      for score in m.scores {
        measures.append(Measure(
          "\(score.name): AUPRC-correct / AUPRC-misclassified / AUROC",
          "\(percent(score.metrics.auprcCorrect)) / \(percent(score.metrics.auprcMisclassified)) / \(percent(score.metrics.auroc))",
          interval: score.metrics.aurocInterval.map { "AUROC " + $0.text(percent) }))
      }
    }
    let verdict = r.misclassification?.comparison.map { $0.text + "." } ?? ""
    page.tables.append(measureTable("Q-Score of \(name)", source: source, measures, note: verdict))
    for notice in AnalysisNotice.sanity(zeroRows: r.sanity.zeroRows, negativeShare: r.sanity.negativeShare, of: name) {
      page.warnings.append("\(name): \(notice.message)")
    }
    page.warnings += warnings(name, r.warnings)
  }

  static func addCalibration(_ name: String, _ result: CalibrateResult, source: String, to page: inout HTMLReport) {
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
      title: "ε calibration of \(name)", source: source,
      header: ["ε", "|Dset|", "Q = 0", "Q mean", "Q median", "Q max"] + (labelled ? ["AUROC", "AUPRC-correct"] : []), rows: rows, note: note))
    page.figures.append(HTMLReport.Figure(
      title: "ε calibration of \(name)",
      caption: "Share of samples with Q = 0 and |Dset| / D against ε (and, with labels, AUROC and AUPRC-correct of Q); dashed: the recommended and label-optimal ε.",
      svg: Plots.calibration(c)))
  }

  static func addComparison(_ result: RepresentationComparison, source: String, to page: inout HTMLReport) {
    let rows = result.rows.enumerated().map { r, row in
      HTMLReport.Row([.init(row.name)] + result.columns.map { .init(ComparisonCell.text($0.value(row), column: $0), best: $0.best.contains(r)) })
    }
    let unranked = result.columns.filter { $0.preference == .none }.map(\.title).joined(separator: ", ")
    page.tables.append(HTMLReport.Table(
      title: "Comparison", source: source, header: ["representation"] + result.columns.map(\.title), rows: rows,
      note: "Best value per ranked column highlighted; not ranked (better direction across encoders not established): \(unranked). "
        + "Spectral columns are divided by their value for an ideal representation of the row's width D. "
        + "ε \(Format.number(result.epsilon)), band \(Format.number(result.band[0])):\(Format.number(result.band[1]))."
        + result.rows.map { " \($0.name): \($0.dsetSource.text)." }.joined()))
    page.figures.append(HTMLReport.Figure(
      title: "Eigenspectra", caption: "Each representation's covariance eigenvalues λ_k / λ_1 (log-log) with its α-ReQ fit dashed.",
      svg: Plots.spectra(result.rows.map { ($0.name, $0.spectrum) })))
    page.figures.append(HTMLReport.Figure(
      title: "Ranked columns compared",
      caption: "Each ranked column on its own 0–1 scale, where a longer line is better; unranked columns are in the table only.",
      svg: Plots.comparison(
        names: result.rows.map(\.name), widths: result.rows.map(\.features), columns: result.rankedValues,
        intervals: result.rankedIntervals)))
    for row in result.rows where row.deadFeatures > 0 { page.warnings.append("\(row.name): \(row.deadFeatures) features are zero in every row") }
    page.warnings += result.warningLines
  }
}
