// ssl-quality · FinetuneText.swift — the human-readable summary of a fine-tuning session.

import Foundation
import SSLQualityAnalysis
import SSLQualityFinetune

/// Renders a ``FinetuneResult``: one column per representation — before, then each run
/// (after without R, after with R, or one per λ of a sweep) — and one row per figure.
enum FinetuneText {
  static func render(_ report: FinetuneResult, out: String) -> String {
    let s = report.settings
    var lines = [
      "finetune: \(s.objective.rawValue), \(report.views) views of \(report.samples) × \(report.features), adapter hidden \(s.hidden), "
        + "head \(s.headHidden)→\(s.headOutput), \(s.epochs) epochs × \(report.samples / s.batchSize) steps (batch \(s.batchSize)), "
        + "\(s.optimizer.rawValue) lr \(Format.number(s.learningRate)), R \(s.reduction.rawValue), ε \(Format.number(s.epsilon))"
        + methodSummary(s),
      "",
    ]
    lines += table(report)
    if let e = report.before ?? report.runs.first?.evaluation {
      lines.append("")
      lines.append(
        "evaluated on \(e.samples) samples; Q's AUROC and AUPRC-correct predict the probe's mistakes (base rate = its accuracy); "
          + "mean |z_ij| = column L1 norms / (N·D); 95% CIs: Wilson for accuracies, DeLong for AUROC")
      lines.append("before: \(e.dsetSource.text)\(report.runs.isEmpty ? "" : "; after: the same matrix through each run's adapter")")
    }
    lines += report.verdicts.map { verdict($0, runs: report.runs) }
    for run in report.runs {
      let last = run.history.last.map { "objective \(Format.number($0.objective)), R \(Format.number($0.regularizer))" } ?? ""
      var text = "\(run.label): \(run.epochsCompleted) epochs, last epoch \(last)"
      if let stop = run.collapse { text += "; stopped: \(describe(stop))" }
      lines.append(text)
    }
    lines.append("wrote \(out)/finetune.json, \(out)/loss.svg and per run adapter.safetensors, head.safetensors, history.csv, checkpoint.safetensors")
    return lines.joined(separator: "\n")
  }

  /// The method's own knobs, for the header line (empty for the methods without any).
  static func methodSummary(_ s: FinetuneSettings) -> String {
    var parts: [String] = []
    if let size = s.memoryBankSize { parts.append("queue \(size)") }
    if let prototypes = s.prototypes { parts.append("\(prototypes) prototypes") }
    if let bottleneck = s.headBottleneck { parts.append("bottleneck \(bottleneck)") }
    if let t = s.teacherTemperature, let u = s.studentTemperature, let m = s.centerMomentum {
      parts.append("teacher τ \(Format.number(t)), student τ \(Format.number(u)), centre momentum \(Format.number(m))")
    }
    return parts.isEmpty ? "" : "; " + parts.joined(separator: ", ")
  }

  /// The figures side by side: a column per representation, a row per figure.
  static func table(_ report: FinetuneResult) -> [String] {
    let columns: [(title: String, lambdas: String, evaluation: RepresentationEvaluation?)] =
      [("before", "", report.before)]
      + report.runs.map { run in
        ("after " + run.title, "\(Format.number(run.lambda1)) / \(Format.number(run.lambda2))", run.evaluation)
      }
    func row(_ name: String, _ value: (RepresentationEvaluation) -> String?) -> [String] {
      [name] + columns.map { $0.evaluation.flatMap(value) ?? "–" }
    }
    func decimals(_ value: Double?) -> String? { value.map { String(format: "%.4f", $0) } }
    func shares(_ interval: IntervalJSON) -> String { String(format: "%.2f–%.2f%%", interval.lower * 100, interval.upper * 100) }
    let rows: [[String]] = [
      [""] + columns.map(\.title),
      ["λ1 / λ2"] + columns.map { $0.lambdas.isEmpty ? "–" : $0.lambdas },
      row("probe accuracy") { $0.probeAccuracy.map(Format.percent) },
      row("  95% CI") { $0.probeAccuracyInterval.map(shares) },
      row("kNN accuracy") { $0.knnAccuracy.map(Format.percent) },
      row("  95% CI") { $0.knnAccuracyInterval.map(shares) },
      row("Q AUROC (mistakes)") { decimals($0.qAuroc) },
      row("  95% CI") { $0.qAurocInterval.map { String(format: "%.4f–%.4f", $0.lower, $0.upper) } },
      row("Q AUPRC-correct") { decimals($0.qAuprcCorrect) },
      row("  base rate") { $0.probeAccuracy.map(Format.percent) },
      row("empty L_i ∩ Dset") { Format.percent($0.emptyShare) },
      row("|Dset|") { String($0.discriminativeCount) },
      row("mean |z_ij|") { Format.number($0.meanColumnL1) },
    ]
    let widths = rows[0].indices.map { c in rows.map { $0[c].count }.max() ?? 0 }
    return rows.map { cells in
      cells.enumerated().map { index, cell in
        index == 0
          ? cell.padding(toLength: widths[0], withPad: " ", startingAt: 0)
          : String(repeating: " ", count: widths[index] - cell.count) + cell
      }.joined(separator: "  ")
    }
  }

  /// A run against its reference, in words (``PairedText/finetune(_:run:reference:)``).
  static func verdict(_ v: FinetuneVerdict, runs: [FinetuneRunResult]) -> String {
    func title(_ label: String) -> String { runs.first { $0.label == label }?.title ?? label }
    let reference = v.reference == "without_r" ? "the control" : v.reference == "before" ? "before fine-tuning" : title(v.reference)
    return PairedText.finetune(v, run: title(v.run), reference: reference)
  }

  static func describe(_ stop: CollapseStop) -> String {
    switch stop.reason {
    case .nonFinite: "the loss is no longer finite"
    case .inactive:
      "collapse guard: the adapted representation keeps \(Format.percent(stop.activeShare)) of the input's active features "
        + "(threshold \(Format.percent(stop.threshold)))"
    }
  }
}
