// ssl-quality · FinetuneText.swift — the human-readable summary of a fine-tuning session.

import Foundation
import SSLQualityFinetune

/// Renders a ``FinetuneReport``: one row per representation (before, then each run).
enum FinetuneText {
  static func render(_ report: FinetuneReport, out: String) -> String {
    let s = report.settings
    var lines = [
      "finetune: \(s.objective.rawValue), \(report.views) views of \(report.samples) × \(report.features), adapter hidden \(s.hidden), "
        + "head \(s.headHidden)→\(s.headOutput), \(s.epochs) epochs × \(report.samples / s.batchSize) steps (batch \(s.batchSize)), "
        + "\(s.optimizer.rawValue) lr \(Format.number(s.learningRate)), R \(s.reduction.rawValue), ε \(Format.number(s.epsilon))",
      "",
    ]
    let header = ["representation", "λ1", "λ2", "probe acc", "kNN acc", "Q AUROC", "AUPRC-correct (base)", "empty", "|Dset|", "col L1/N·D"]
    var rows: [[String]] = []
    func cells(_ label: String, _ l1: String, _ l2: String, _ e: RepresentationEvaluation?) -> [String] {
      guard let e else { return [label, l1, l2] + Array(repeating: "–", count: 7) }
      let base = e.probeAccuracy.map { " (\(Format.percent($0)))" } ?? ""
      return [
        label, l1, l2, e.probeAccuracy.map(Format.percent) ?? "–", e.knnAccuracy.map(Format.percent) ?? "–",
        e.qAuroc.map { String(format: "%.4f", $0) } ?? "–", (e.qAuprcCorrect.map { String(format: "%.4f", $0) } ?? "–") + base,
        Format.percent(e.emptyShare), String(e.discriminativeCount), Format.number(e.meanColumnL1),
      ]
    }
    rows.append(cells("before", "", "", report.before))
    for run in report.runs {
      rows.append(cells(run.label, Format.number(run.lambda1), Format.number(run.lambda2), run.evaluation))
    }
    let widths = header.indices.map { c in ([header] + rows).map { $0[c].count }.max() ?? 0 }
    func line(_ row: [String]) -> String {
      row.enumerated().map { $0.offset == 0 ? $0.element.padding(toLength: widths[0], withPad: " ", startingAt: 0)
        : String(repeating: " ", count: widths[$0.offset] - $0.element.count) + $0.element }.joined(separator: "  ")
    }
    lines.append(line(header))
    lines += rows.map(line)
    if let e = report.before ?? report.runs.first?.evaluation {
      lines.append("")
      lines.append("evaluated on \(e.samples) samples; empty = share with empty L_i ∩ Dset; col L1/N·D = mean |z_ij|")
    }
    for run in report.runs {
      let last = run.history.last.map { "objective \(Format.number($0.objective)), R \(Format.number($0.regularizer))" } ?? ""
      var text = "\(run.label): \(run.epochsCompleted) epochs, last epoch \(last)"
      if let stop = run.collapse { text += "; stopped: \(describe(stop))" }
      lines.append(text)
    }
    lines.append("wrote \(out)/finetune.json, \(out)/loss.svg and per run adapter.safetensors, head.safetensors, history.csv, checkpoint.safetensors")
    return lines.joined(separator: "\n")
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
