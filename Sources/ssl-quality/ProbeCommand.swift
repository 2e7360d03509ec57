// ssl-quality · ProbeCommand.swift — `ssl-quality probe`: linear evaluation on fixed features.

import ArgumentParser
import Foundation
import SSLQuality
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

  @OptionGroup var common: CommonOptions

  func validate() throws {
    if let predictionsOut, !(predictionsOut.hasSuffix(".npy") || predictionsOut.hasSuffix(".csv")) {
      throw ValidationError("--predictions-out must end in .npy or .csv, got \(predictionsOut)")
    }
  }

  func run() throws {
    let started = Date()
    let outputs = try OutputSet([("--json-out", common.jsonOut), ("--predictions-out", predictionsOut), ("--probabilities-out", probabilitiesOut)])
    let testMatrix = try ArrayFile.open(test).matrix()
    let allTruth = try ArrayFile.open(testLabels).labels(matchingRows: testMatrix.rows, of: testMatrix.array.name)
    let sampleIDs = try ids.map { try SampleIDs.read($0, rows: testMatrix.rows, of: testMatrix.array.name) }
    let context = common.context("probe")
    let inputs = try ProbeInputs.load(
      train: train, trainLabels: trainLabels, test: testMatrix, testLabels: allTruth, testLabelsName: testLabels, strict: common.strict,
      context: context)
    let truth = inputs.excludedTest.removing(from: allTruth)
    let run = probe.run(inputs, context: context)
    let (top1, top5) = run.predictions.accuracy(truth)
    let excluded = inputs.excludedTest
    // Rows left out for NaN or Inf are predicted -1 (no class), never class 0.
    var predicted = [Int](repeating: -1, count: excluded.rows)
    for (k, row) in excluded.kept.enumerated() { predicted[row] = run.predictions.labels[k] }
    if let predictionsOut, predictionsOut.hasSuffix(".csv") {
      let rows = allTruth.indices.map { i in
        [sampleIDs?[i] ?? String(i), String(allTruth[i]), String(predicted[i]), allTruth[i] == predicted[i] ? "true" : "false"]
      }
      try outputs.write(CSVWriter.render(header: ["id", "label", "prediction", "correct"], rows: rows), to: predictionsOut)
    } else if let predictionsOut {
      try NPYWriter.write(predicted, to: predictionsOut, in: outputs)
    }
    if let probabilitiesOut {
      let scores = run.predictions.scores, classes = scores.columns
      var values = [Float](repeating: .nan, count: excluded.rows * classes)
      scores.withUnsafeBufferPointer { p in
        for (k, row) in excluded.kept.enumerated() {
          for c in 0..<classes { values[row * classes + c] = p[k * classes + c] }
        }
      }
      try NPYWriter.write(values, shape: [excluded.rows, classes], to: probabilitiesOut, in: outputs)
    }
    let seconds = Date().timeIntervalSince(started)
    var fields: [(String, JSONValue)] = [
      ("method", .string(probe.method.rawValue)), ("accuracy", .number(top1)), ("top5", .number(top5)),
      ("classes", .integer(inputs.classes)), ("train_samples", .integer(inputs.train.rows)),
      ("test_samples", .integer(inputs.test.rows)), ("excluded_test_rows", .integer(excluded.count)), ("features", .integer(inputs.train.columns)),
      ("iterations", run.iterations.map(JSONValue.integer) ?? .null), ("evaluations", run.evaluations.map(JSONValue.integer) ?? .null),
      ("converged", run.converged.map(JSONValue.bool) ?? .null),
      ("gradient_norm", JSONValue.optional(run.gradientNorm)), ("objective", JSONValue.optional(run.objective)),
      ("seconds", .number(seconds)),
    ]
    fields += probe.knobs
    let warnings = AnalysisWarning.probe(accuracy: top1, labels: ClassCounts(truth))
    fields.append(("warnings", .array(warnings.map(\.json))))
    var lines = [
      "\(probe.method.rawValue) probe: train \(inputs.train.rows) × \(inputs.train.columns), test \(inputs.test.rows), \(inputs.classes) classes",
      "  accuracy \(Format.percent(top1))  top-5 \(Format.percent(top5))",
    ]
    if let iterations = run.iterations, probe.method == .logreg {
      lines.append(
        "  L-BFGS: \(iterations) iterations, \(run.converged == true ? "converged" : "not converged (raise --max-iter)"), "
          + "max |gradient| \(Format.number(run.gradientNorm ?? .nan)), objective \(Format.number(run.objective ?? .nan))")
    }
    lines.append("  \(String(format: "%.2f", seconds)) s")
    lines += warnings.map(\.line)
    try common.emit(json: .object(fields), text: lines.joined(separator: "\n"), outputs: outputs)
  }
}
