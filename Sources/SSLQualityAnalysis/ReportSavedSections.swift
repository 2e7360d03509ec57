// ssl-quality · ReportSavedSections.swift — the report sections of saved probe, compress and finetune results.

import Foundation
import SSLQuality
import SSLQualityReport

/// Sections only saved results have (`report --from`): a probe, a compression sweep or
/// its kept features, and a fine-tuning run; each table states the result's provenance.
extension ReportSections {
  static func addProbe(_ name: String, _ r: ProbeResult, source: String, to page: inout HTMLReport) {
    let s = r.settings, e = r.evaluation
    var measures = [
      Measure("method", s.method), Measure("accuracy (top-1)", percent(e.accuracy)), Measure("top-5 accuracy", percent(e.top5)),
      Measure("classes", String(e.classes)), Measure("train / test samples", "\(e.trainSamples) / \(e.testSamples)"),
      Measure("features", String(e.features)),
    ]
    if e.excludedTestRows > 0 { measures.append(Measure("test rows left out (NaN/Inf)", String(e.excludedTestRows))) }
    let knobs: [(String, String?)] = [
      ("C", s.c.map(Format.number)), ("standardised", s.standardize.map { $0 ? "yes" : "no" }), ("k", s.k.map(String.init)),
      ("temperature", s.temperature.map(Format.number)), ("learning rate", s.lr.map(Format.number)), ("epochs", s.epochs.map(String.init)),
      ("seed", s.seed.map(String.init)),
    ]
    measures += knobs.compactMap { name, value in value.map { Measure(name, $0) } }
    if let iterations = r.fit.iterations {
      measures.append(Measure("iterations (converged)", "\(iterations) (\(r.fit.converged.map { $0 ? "yes" : "no" } ?? "–"))"))
    }
    page.tables.append(measureTable("Probe of \(name)", source: source, measures))
    page.warnings += warnings(name, e.warnings)
  }

  static func addCompression(_ name: String, _ r: CompressResult, source: String, to page: inout HTMLReport) {
    let p = r.provenance
    var measures = [
      Measure("full accuracy (all features)", percent(r.fullAccuracy)), Measure("probe", p.protocol.probe.method),
      Measure("|Dset|", String(p.discriminativeCount)), Measure("Dset source", p.dsetSource.text),
      Measure("ε, band", "\(Format.number(p.protocol.sweep.epsilon)), \(p.protocol.sweep.band.map(Format.number).joined(separator: ":"))"),
      Measure("random rankings (seeds)", String(p.protocol.sweep.seeds)),
      Measure("compressible to (within 1 point of full accuracy)", r.compressibleFraction.map(Format.number) ?? "none"),
    ]
    if let v = r.verdict {
      let spread = v.standardDeviations.map { ", \(Format.number($0)) std of the random rankings" } ?? ""
      measures.append(Measure(
        "verdict at fraction \(Format.number(v.fraction))",
        "\(v.outcome.rawValue.replacingOccurrences(of: "_", with: " ")): \(Format.number(v.gap * 100)) points against random\(spread)"))
    }
    page.tables.append(measureTable("Compression of \(name)", source: source, measures))
    let curve = r.curve.map { point in
      HTMLReport.Row([
        .init(Format.number(point.fraction)), .init(String(point.kept)), .init(percent(point.discriminative)),
        .init("\(percent(point.randomMean)) ± \(point.randomStd.isFinite ? String(format: "%.2f", point.randomStd * 100) : "–")"), .init(percent(point.variance)),
      ])
    }
    page.tables.append(HTMLReport.Table(
      title: "Compression curve of \(name)", source: source,
      header: ["kept fraction", "kept", "discriminative", "random mean ± std (points)", "highest variance"], rows: curve))
    let points = r.curve.map { point in
      CompressionSweep.Point(
        fraction: point.fraction, kept: point.kept, discriminative: point.discriminative, randomMean: point.randomMean,
        randomStd: point.randomStd, variance: point.variance)
    }
    page.figures.append(HTMLReport.Figure(
      title: "Compression of \(name)",
      caption: "Test accuracy against the kept fraction: discriminative ranking, random rankings, highest variance; \(source).",
      svg: Plots.compression(
        points, full: r.fullAccuracy, seeds: p.protocol.sweep.seeds, probe: p.protocol.probe.method, subtitle: name, intervals: r.outcome.intervals)))
    page.warnings += warnings(name, p.warnings)
  }

  static func addKept(_ name: String, _ r: KeepResult, source: String, to page: inout HTMLReport) {
    let k = r.keep, p = r.provenance
    page.tables.append(measureTable("Kept features of \(name)", source: source, [
      Measure("kept", "\(k.kept) of \(k.features) features (fraction \(Format.number(k.fraction)))"),
      Measure("accuracy on the kept features", percent(k.accuracy)), Measure("accuracy on all features", percent(r.fullAccuracy)),
      Measure("probe", p.protocol.probe.method), Measure("|Dset|", String(p.discriminativeCount)), Measure("Dset source", p.dsetSource.text),
      Measure("files written", k.files.joined(separator: ", ")),
    ]))
    page.warnings += warnings(name, p.warnings)
  }

  static func addFinetune(_ name: String, _ r: FinetuneResult, source: String, to page: inout HTMLReport) {
    func cells(_ label: String, epochs: String, stop: String, _ e: RepresentationEvaluation?) -> HTMLReport.Row {
      HTMLReport.Row([
        .init(label), .init(epochs), .init(percent(e?.probeAccuracy)), .init(percent(e?.knnAccuracy)), .init(percent(e?.qAuroc)),
        .init(percent(e?.qAuprcCorrect)), .init(percent(e?.emptyShare)), .init(e.map { String($0.discriminativeCount) } ?? "–"), .init(stop),
      ])
    }
    let rows = (r.before.map { [cells("before", epochs: "–", stop: "–", $0)] } ?? []) + r.runs.map { run in
      cells(run.title, epochs: String(run.epochsCompleted), stop: run.collapse.map { "after epoch \($0.epoch) (\($0.reason.rawValue))" } ?? "–", run.evaluation)
    }
    let s = r.settings
    page.tables.append(HTMLReport.Table(
      title: "Fine-tuning of \(name)", source: source,
      header: ["representation", "epochs", "linear acc.", "kNN acc.", "Q AUROC", "Q AUPRC-correct", "Q = 0 share", "|Dset|", "stopped early"],
      rows: rows,
      note: "\(s.objective.rawValue), \(r.views) views of \(r.samples) × \(r.features), λ1 \(Format.number(s.lambda1)), λ2 \(Format.number(s.lambda2)), "
        + "ε \(Format.number(s.epsilon)), \(s.epochs) epochs; figures on the evaluation split."))
    page.figures.append(HTMLReport.Figure(
      title: "Fine-tuning history of \(name)", caption: "Objective, R and the share of batch samples with empty Lᵢ ∩ Dset per epoch; \(source).",
      svg: Plots.finetuneHistory(r.runs.map(\.trainingCurve), subtitle: name)))
  }
}
