// ssl-quality · ProbeCommand.swift — `ssl-quality probe`: linear evaluation on fixed features.

import ArgumentParser
import Foundation
import SSLQuality
import SSLQualityAnalysis
import SSLQualityIO

/// Trains a linear probe (or kNN) on a train split and evaluates it on a test split.
struct ProbeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "probe",
    abstract: "Linear evaluation: L-BFGS logistic regression, SGD protocol or weighted kNN.",
    discussion: """
      logreg minimises scikit-learn's LogisticRegression(solver="lbfgs") objective (mean \
      cross-entropy + ‖W‖²/(2 C n), unpenalised intercept) with L-BFGS; labels may be any \
      integers and are reported in their original ids.
      """)

  @Option(help: "Train embeddings (N × D).") var train: String
  @Option(help: "Train labels (1-D integers).") var trainLabels: String
  @Option(help: "Test embeddings (M × D).") var test: String
  @Option(help: "Test labels (1-D integers).") var testLabels: String

  @OptionGroup var probe: ProbeOptions

  @Option(help: "Write the test predictions (original label ids): int64 .npy, or .csv with id, label, prediction, correct.")
  var predictionsOut: String?

  @Option(help: "Test sample ids, one per line in row order (e.g. image paths), for --predictions-out .csv.")
  var ids: String?

  @Option(help: "Write the class scores (M × C float32: probabilities, or kNN vote weights) as .npy.")
  var probabilitiesOut: String?

  @OptionGroup(title: "CSV output") var csvOptions: CSVOptions
  @OptionGroup var threading: ThreadOptions
  @OptionGroup var output: JSONOutputOptions
  @OptionGroup var nonFinite: StrictOptions

  func validate() throws {
    if let predictionsOut, !(predictionsOut.hasSuffix(".npy") || predictionsOut.hasSuffix(".csv")) {
      throw ValidationError("--predictions-out must end in .npy or .csv, got \(predictionsOut)")
    }
  }

  func run() throws {
    let outputs = try OutputSet(
      [("--json-out", output.jsonOut), ("--predictions-out", predictionsOut), ("--probabilities-out", probabilitiesOut)],
      inputs: [("--train", train), ("--train-labels", trainLabels), ("--test", test), ("--test-labels", testLabels), ("--ids", ids)])
    var analysis = ProbeAnalysis(train: train, trainLabels: trainLabels, test: test, testLabels: testLabels, probe: probe.probeProtocol)
    (analysis.ids, analysis.strict) = (ids, nonFinite.strict)
    let outcome = try analysis.run(context: threading.context("probe"), notices: NoticeText.sink(probe: probe))
    if let predictionsOut, predictionsOut.hasSuffix(".csv") {
      let rows = outcome.truth.indices.map { i in
        [outcome.sampleIDs?[i] ?? String(i), String(outcome.truth[i]), String(outcome.predicted[i]), outcome.truth[i] == outcome.predicted[i] ? "true" : "false"]
      }
      try outputs.write(CSVWriter.render(header: ["id", "label", "prediction", "correct"], rows: rows, raw: csvOptions.rawCSV), to: predictionsOut)
    } else if let predictionsOut {
      try NPYWriter.write(outcome.predicted, to: predictionsOut, in: outputs)
    }
    if let probabilitiesOut {
      try NPYWriter.write(outcome.classScores, shape: [outcome.testRows, outcome.classes], to: probabilitiesOut, in: outputs)
    }
    try output.emit(result: outcome.result, text: summary(outcome.result, stop: outcome.stop), outputs: outputs)
  }

  private func summary(_ r: ProbeResult, stop: LBFGS.Stop?) -> String {
    let e = r.evaluation
    let ending = switch stop {
    case .gradientFloor: "did not converge: gradient at floating-point floor"
    case .iterationLimit: "not converged (raise --max-iter)"
    case .gradientTolerance, .functionTolerance, nil: "converged"
    }
    var lines = [
      "\(r.settings.method) probe: train \(e.trainSamples) × \(e.features), test \(e.testSamples), \(e.classes) classes",
      "  accuracy \(Format.percent(e.accuracy))" + (e.accuracyInterval.map { " (\($0.text(Format.percent)))" } ?? "") + "  top-5 \(Format.percent(e.top5))",
    ]
    if let iterations = r.fit.iterations, probe.method == .logreg {
      lines.append(
        "  L-BFGS: \(iterations) iterations, \(ending), "
          + "max |gradient| \(Format.number(r.fit.gradientNorm ?? .nan)), objective \(Format.number(e.objective ?? .nan))")
    }
    lines.append("  \(String(format: "%.2f", e.seconds)) s")
    lines += e.warnings.map(\.line)
    return lines.joined(separator: "\n")
  }
}
