// ssl-quality · ProbeCommandTests.swift — `ssl-quality probe` and `score --train` end to end.

import Foundation
import Testing
import TestSupport

@testable import SSLQualityIO

@Suite("probe command")
struct ProbeCommandTests {
  let digits = ["--train", "fixtures/probe/digits_train.npy", "--train-labels", "fixtures/probe/digits_train_labels.npy",
                "--test", "fixtures/probe/digits_test.npy", "--test-labels", "fixtures/probe/digits_test_labels.npy"]

  @Test("JSON reports accuracy and every protocol knob", arguments: ["logreg", "sgd", "knn"])
  func json(method: String) throws {
    let object = try CLI.json(["probe"] + digits + ["--method", method] + (method == "sgd" ? ["--epochs", "20"] : []))
    for key in ["method", "accuracy", "top5", "classes", "train_samples", "test_samples", "iterations", "converged", "gradient_norm", "objective", "seconds"] {
      #expect(object.keys.contains(key), "missing \(key)")
    }
    let knobs = ["logreg": ["C", "standardize", "tolerance", "max_iter"], "sgd": ["lr", "epochs", "batch_size", "weight_decay", "seed"], "knn": ["k", "temperature"]]
    for key in knobs[method]! { #expect(object[key] != nil, "missing \(key)") }
    #expect(object["classes"] as? Int == 10 && object["train_samples"] as? Int == 1200 && object["test_samples"] as? Int == 597)
    #expect((object["accuracy"] as? Double ?? 0) > 0.9)
  }

  @Test("predictions and probabilities are written in original label ids") func outputs() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let result = try CLI.run(["probe"] + digits + ["--predictions-out", scratch.file("p.npy"), "--probabilities-out", scratch.file("pr.npy")])
    #expect(result.status == 0)
    let predictions = try ArrayFile.open(scratch.file("p.npy"))
    #expect(predictions.layout.dtype == "<i8" && predictions.layout.shape == [597])
    #expect(Set(try predictions.labels()).isSubset(of: Set(stride(from: -5, through: 22, by: 3))))
    let probabilities = try ArrayFile.open(scratch.file("pr.npy"))
    #expect(probabilities.layout.dtype == "<f4" && probabilities.layout.shape == [597, 10])
    let rows = probabilities.floats()
    #expect(abs(rows[0..<10].reduce(0, +) - 1) < 1e-5)
  }

  /// On this 40 × 8 fixture the float32 objective cannot get max |gradient| below about
  /// 1.6e-5: L-BFGS stops after a few iterations and says why, not at --max-iter.
  @Test("a gradient stuck at its floating-point floor ends the fit with that status") func gradientFloor() throws {
    let small = ["--train", "fixtures/hostile/small.npy", "--train-labels", "fixtures/hostile/small_labels.npy",
                 "--test", "fixtures/hostile/small.npy", "--test-labels", "fixtures/hostile/small_labels.npy"]
    let result = try CLI.run(["probe"] + small + ["--C", "0.05", "--tolerance", "1e-6"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("did not converge: gradient at floating-point floor"), "\(result.stdout)")
    #expect(result.stderr.contains("warning: the logreg probe did not converge: gradient at floating-point floor"), "\(result.stderr)")
    #expect(!result.stderr.contains("--max-iter"), "\(result.stderr)")
    let object = try CLI.json(["probe"] + small + ["--C", "0.05", "--tolerance", "1e-6"])
    #expect(object["converged"] as? Bool == false)
    #expect((object["iterations"] as? Int ?? 1000) < 1000)
  }

  @Test("bad inputs exit 2 with a clear message") func badInputs() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    try NPYWriter.write([Int](repeating: 4, count: 1200), to: scratch.file("one_class.npy"))
    let single = try CLI.run(["probe", "--train", "fixtures/probe/digits_train.npy", "--train-labels", scratch.file("one_class.npy"),
                              "--test", "fixtures/probe/digits_test.npy", "--test-labels", "fixtures/probe/digits_test_labels.npy"])
    #expect(single.status == 2 && single.stderr.contains("the train split has a single class (4); a probe needs at least two"))
    try NPYWriter.write([Int](repeating: 99, count: 597), to: scratch.file("unseen.npy"))
    let unseen = try CLI.run(["probe", "--train", "fixtures/probe/digits_train.npy", "--train-labels", "fixtures/probe/digits_train_labels.npy",
                              "--test", "fixtures/probe/digits_test.npy", "--test-labels", scratch.file("unseen.npy")])
    #expect(unseen.status == 2 && unseen.stderr.contains("label 99 at index 0 never occurs in the train labels"))
    let mismatch = try CLI.run(["probe", "--train", "fixtures/probe/digits_train.npy", "--train-labels", "fixtures/probe/digits_train_labels.npy",
                                "--test", "fixtures/demo/test.npy", "--test-labels", "fixtures/demo/test_labels.npy"])
    #expect(mismatch.status == 2 && mismatch.stderr.contains("has 256 features but the train split"))
    #expect(try CLI.run(["probe"] + digits + ["--C", "0"]).status == 2)
    #expect(try CLI.run(["probe"] + digits + ["--method", "svm"]).status == 2)
  }

  @Test("score --train fits the probe and reports misclassification metrics") func scoreWithTrain() throws {
    let object = try CLI.json(["score", "fixtures/demo/test.npy", "--labels", "fixtures/demo/test_labels.npy",
                               "--train", "fixtures/demo/train.npy", "--train-labels", "fixtures/demo/train_labels.npy", "--max-iter", "1000",
                               "--resamples", "0"])
    let mis = try #require(object["misclassification"] as? [String: Any])
    #expect(abs((mis["accuracy"] as? Double ?? 0) - 0.8655) <= 0.005)
    #expect((mis["scores"] as? [String: Any])?.keys.sorted() == ["l1", "max_z", "msp", "q"])
  }
}
