// ssl-quality · ProbeOptionsTests.swift — a probe knob is used or refused, never silently ignored.

import Foundation
import Testing
import TestSupport

@Suite("probe options")
struct ProbeOptionsTests {
  static let small = "fixtures/hostile/small.npy", labels = "fixtures/hostile/small_labels.npy"
  static let trainTest = ["--train", small, "--train-labels", labels, "--test", small, "--test-labels", labels]

  @Test("a knob of another method, or a knob without the probe it sets: exit 2 with one line, nothing written", arguments: [
    (["probe"] + trainTest + ["--method", "knn", "--C", "3"], "--C applies to --method logreg only, not knn"),
    (["probe"] + trainTest + ["--epochs", "5"], "--epochs applies to --method sgd only, not logreg"),
    (["probe"] + trainTest + ["--method", "knn", "--no-standardize"], "--standardize applies to --method logreg and sgd only, not knn"),
    (["compress"] + trainTest + ["--k", "5"], "--k applies to --method knn only, not logreg"),
    (["score", small, "--labels", labels, "--predictions", "fixtures/hostile/predictions.npy", "--tolerance", "1e-6"],
     "--tolerance sets the probe fitted on --train; give --train and --train-labels"),
    (["calibrate", small, "--max-iter", "5"], "--max-iter sets the probe fitted on --train; give --train and --train-labels"),
    (["calibrate", small, "--method", "knn"], "--method sets the probe fitted on --train; give --train and --train-labels"),
    (["score", small, "--method", "logreg"], "--method sets the probe fitted on --train; give --train and --train-labels"),
  ])
  func refused(_ arguments: [String], _ message: String) throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let run = try CLI.run(arguments + ["--json-out", scratch.file("r.json")])
    #expect(run.status == 2 && run.stdout.isEmpty && scratch.contents().isEmpty)
    #expect(run.stderr.hasPrefix("ssl-quality: \(message)\n"), "\(run.stderr)")
  }

  @Test("a knob left out keeps its protocol's default, as the JSON reports it")
  func defaults() throws {
    let logreg = try CLI.json(["probe"] + Self.trainTest)
    #expect(logreg["C"] as? Double == 1 && logreg["tolerance"] as? Double == 1e-4 && logreg["standardize"] as? Bool == true)
    let knn = try CLI.json(["probe"] + Self.trainTest + ["--method", "knn"])
    #expect(knn["k"] as? Int == 20 && knn["temperature"] as? Double == 0.07)
  }
}
