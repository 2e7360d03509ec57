// ssl-quality · ReportSections.swift — analysis results as the tables, figures and warnings of a report page.

import Foundation
import SSLQuality
import SSLQualityIO
import SSLQualityReport

/// One analysis shown in a report.
enum ReportSection {
  case spectrum(name: String, SpectrumResult)
  case score(name: String, ScoreSection)
  case comparison(RepresentationComparison)
  case calibration(name: String, EpsilonCalibration)
}

/// What the report shows of a Q-Score run: the result, the scores, and which samples the probe got right.
struct ScoreSection {
  var profile: ActivationProfile
  var discriminative: DiscriminativeFeatures
  var q: QScores
  var misclassification: MisclassificationReport?
  var correct: [Bool]?
}

/// Spectrum and Q-Score of one representation, computed for a report.
enum SingleRepresentationReport {
  static func compute(
    _ embeddings: String, labels: String?, predictions: String?, probabilities: String?, epsilon: Double, band: ClosedRange<Double>,
    alphaRange: ClosedRange<Int>, context: ExecutionContext
  ) throws -> [ReportSection] {
    let source = try ArrayFile.open(embeddings).matrix()
    let outcome = try ProbeOutcome.read(labels: labels, predictions: predictions, probabilities: probabilities, rows: source.rows, of: source.array.name)
    let (spectrum, _) = try SpectrumAnalysisRun.measure(source, alphaRange: alphaRange, strict: false, context: context)
    let profile = try ActivationPass.run(source, epsilon: epsilon, strict: false, context: context)
    let discriminative = DiscriminativeFeatures(frequencies: profile.activationFrequency, band: band)
    let q = QScores(profile: profile, discriminative: discriminative, normalization: .none, context: context)
    var misclassification: MisclassificationReport?
    if let outcome {
      var scores = ["q": q.values, "l1": profile.l1Norm, "max_z": profile.maxZ]
      if let msp = outcome.maximumProbability { scores["msp"] = msp }
      misclassification = MisclassificationReport(correct: outcome.correct, scores: scores)
    }
    let name = (source.array.name as NSString).lastPathComponent
    let calibration = EpsilonCalibration.measure(
      source, epsilons: EpsilonCalibration.defaultEpsilons, band: band, correct: outcome?.correct, name: source.array.name, context: context)
    context.report(.finished)
    return [
      .spectrum(name: name, spectrum),
      .score(name: name, ScoreSection(profile: profile, discriminative: discriminative, q: q, misclassification: misclassification, correct: outcome?.correct)),
      .calibration(name: name, calibration),
    ]
  }
}

/// JSON results saved by earlier runs (`--out` or `--json`), recognised by their keys.
enum SavedResult {
  static func read(_ path: String) throws -> ReportSection {
    let data: Data
    do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch { throw InputError(path, "cannot be read") }
    let decoder = JSONDecoder()
    let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
    if let comparison = try? decoder.decode(RepresentationComparison.self, from: data) { return .comparison(comparison) }
    if let calibration = try? decoder.decode(EpsilonCalibration.self, from: data) { return .calibration(name: stem, calibration) }
    if let spectrum = try? decoder.decode(SpectrumResult.self, from: data) {
      return .spectrum(name: stem, spectrum)
    }
    throw InputError(path, "is not the JSON result of spectrum, calibrate or compare")
  }
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

  static func addScore(_ name: String, _ s: ScoreSection, to page: inout HTMLReport) {
    let summary = Summary(s.q.values)
    var rows: [(String, String)] = [
      ("ε, band", "\(Format.number(s.profile.epsilon)), \(Format.number(s.discriminative.band.lowerBound)):\(Format.number(s.discriminative.band.upperBound))"),
      ("|Dset|", String(s.discriminative.count)),
      ("samples with Q = 0", "\(s.q.emptyCount) of \(s.profile.finiteSamples)"),
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
        QScoreDistribution(q: s.q.values, correct: s.correct), misclassification: s.misclassification, probe: s.correct == nil ? nil : "probe",
        subtitle: name)))
    page.figures.append(HTMLReport.Figure(
      title: "Activation frequencies of \(name)", caption: "A_j sorted, the discriminative band shaded.",
      svg: Plots.activationFrequencies(s.discriminative, subtitle: name)))
    for warning in SanityWarnings.messages(s.profile.sanity) { page.warnings.append("\(name): \(warning)") }
    if s.profile.finiteSamples > 0, Double(s.q.emptyCount) > 0.5 * Double(s.profile.finiteSamples) {
      page.warnings.append(
        "\(name): \(s.q.emptyCount) of \(s.profile.finiteSamples) samples have Q = 0 at ε \(Format.number(s.profile.epsilon)); a smaller ε makes Q informative on dense features")
    }
  }

  static func addCalibration(_ name: String, _ c: EpsilonCalibration, to page: inout HTMLReport) {
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
      HTMLReport.Row([.init(row.name)] + result.columns.map { .init(ComparisonTable.cell(row.value($0.key), key: $0.key), best: $0.best.contains(r)) })
    }
    page.tables.append(HTMLReport.Table(
      title: "Comparison", header: ["representation"] + result.columns.map(\.title), rows: rows,
      note: "Best value per column highlighted (α-ReQ: closest to 1; |Dset| and Q mean are not ranked). ε \(Format.number(result.epsilon)), band \(Format.number(result.band[0])):\(Format.number(result.band[1]))."))
    page.figures.append(HTMLReport.Figure(
      title: "Eigenspectra", caption: "Each representation's covariance eigenvalues λ_k / λ_1 (log-log) with its α-ReQ fit dashed.",
      svg: Plots.spectra(result.rows.map { ($0.name, $0.spectrum) })))
    page.figures.append(HTMLReport.Figure(
      title: "Columns compared", caption: "Each column divided by its largest magnitude.", svg: Plots.comparison(result)))
    for row in result.rows where row.deadFeatures > 0 { page.warnings.append("\(row.name): \(row.deadFeatures) features are zero in every row") }
  }
}
