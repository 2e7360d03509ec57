// ssl-quality · OneEncoderConsistencyTests.swift — every command on one encoder gives one Dset, one Q and one probe accuracy.

import Foundation
import Testing
import TestSupport

/// One encoder (the demo's 256-d features, 5 000 train and 2 000 test samples with labels)
/// run through every command that fits `Dset` or the linear probe: they must report the
/// same `|Dset|`, the same number of samples with `Q = 0`, the same AUROC of Q, and the
/// same probe accuracy (bit-equal doubles in their JSON).
@Suite("one encoder, one answer", .serialized)
struct OneEncoderConsistencyTests {
  static let train = "fixtures/demo/train.npy", trainLabels = "fixtures/demo/train_labels.npy"
  static let test = "fixtures/demo/test.npy", testLabels = "fixtures/demo/test_labels.npy"
  static let splits = ["--train", train, "--train-labels", trainLabels, "--test", test, "--test-labels", testLabels]

  /// The JSON documents (as printed) and the report page of every command, from one run each.
  struct Runs: Sendable {
    var documents: [String: String]
    var report: String

    /// The parsed document of the run named `name`.
    func json(_ name: String) -> [String: Any] {
      (try? JSONSerialization.jsonObject(with: Data((documents[name] ?? "").utf8))) as? [String: Any] ?? [:]
    }
    var probe: [String: Any] { json("probe") }
    var score: [String: Any] { json("score") }
    var scoreGiven: [String: Any] { json("scoreGiven") }
    var features: [String: Any] { json("features") }
    var calibrate: [String: Any] { json("calibrate") }
    var compress: [String: Any] { json("compress") }
    var compare: [String: Any] { json("compare") }
    var finetune: [String: Any] { json("finetune") }
  }

  /// `ssl-quality arguments… --json`'s output, when it succeeded.
  static func document(_ arguments: [String]) throws -> String {
    let result = try CLI.run(arguments + ["--json"])
    guard result.status == 0 else { throw CLI.CLIFailure(result: result) }
    return result.stdout
  }

  /// Every command, run once for all the tests of the suite.
  static let runs: Result<Runs, any Error> = Result {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let predictions = scratch.file("predictions.npy")
    var documents: [String: String] = [:]
    documents["probe"] = try document(["probe"] + splits + ["--predictions-out", predictions])
    documents["score"] = try document(["score", test, "--labels", testLabels, "--train", train, "--train-labels", trainLabels])
    // The probe's saved predictions and Dset from the train file give the same Q and AUROC.
    documents["scoreGiven"] = try document(["score", test, "--labels", testLabels, "--predictions", predictions, "--discriminative-from", train])
    documents["features"] = try document(["features", test, "--discriminative-from", train])
    documents["calibrate"] = try document(
      ["calibrate", test, "--epsilons", "4", "--labels", testLabels, "--train", train, "--train-labels", trainLabels])
    documents["compress"] = try document(["compress"] + splits + ["--fractions", "0.5,1", "--seeds", "1"])
    documents["compare"] = try document(
      ["compare", test, test, "--names", "encoder,again", "--train", train, train, "--train-labels", trainLabels, "--test-labels", testLabels,
       "--fractions", "1"])
    documents["finetune"] = try document(
      ["finetune", "--views", "fixtures/demo/train_view0.npy", "fixtures/demo/train_view1.npy"] + splits
        + ["--epochs", "1", "--batch-size", "500", "--out", scratch.file("finetune")])
    let page = scratch.file("report.html")
    let report = try CLI.run(
      ["report", test, "--labels", testLabels, "--predictions", predictions, "--discriminative-from", train, "--html", page])
    guard report.status == 0 else { throw CLI.CLIFailure(result: report) }
    return Runs(documents: documents, report: try String(contentsOfFile: page, encoding: .utf8))
  }

  /// `object[a][b]…`, for nested JSON objects and arrays (an `Int` indexes an array).
  static func value(_ object: Any?, _ path: Any...) -> Any? {
    path.reduce(object) { current, key in
      if let key = key as? String { return (current as? [String: Any])?[key] }
      if let index = key as? Int, let array = current as? [Any], array.indices.contains(index) { return array[index] }
      return nil
    }
  }

  /// `(rule, path, samples)` of a `dset_source` object.
  static func source(_ object: Any?) -> [String]? {
    guard let s = object as? [String: Any], let rule = s["rule"] as? String, let path = s["path"] as? String, let samples = s["samples"] as? Int
    else { return nil }
    return [rule, path, String(samples)]
  }

  @Test("score, features, calibrate, compare, compress, finetune and report: the same |Dset|, Q = 0 count and AUROC")
  func oneDset() throws {
    let r = try Self.runs.get()
    let dset = try #require(r.score["discriminative_count"] as? Int)
    let empty = try #require(r.score["empty_count"] as? Int)
    let auroc = try #require(Self.value(r.score, "misclassification", "scores", "q", "auroc") as? Double)
    let fromTrain = ["train", Self.train, "5000"]
    #expect(Self.source(r.score["dset_source"]) == fromTrain)

    #expect(r.scoreGiven["discriminative_count"] as? Int == dset)
    #expect(r.scoreGiven["empty_count"] as? Int == empty)
    #expect(Self.value(r.scoreGiven, "misclassification", "scores", "q", "auroc") as? Double == auroc)
    #expect(Self.source(r.scoreGiven["dset_source"]) == ["discriminative_from", Self.train, "5000"])

    #expect(r.features["discriminative_count"] as? Int == dset)
    #expect(Self.source(r.features["dset_source"]) == ["discriminative_from", Self.train, "5000"])

    #expect(Self.value(r.calibrate, "rows", 0, "discriminative_count") as? Int == dset)
    #expect(Self.value(r.calibrate, "rows", 0, "empty_count") as? Int == empty)
    #expect(Self.value(r.calibrate, "rows", 0, "misclassification", "scores", "q", "auroc") as? Double == auroc)
    #expect(Self.source(r.calibrate["dset_source"]) == fromTrain)

    for row in 0..<2 {
      #expect(Self.value(r.compare, "rows", row, "discriminative_count") as? Int == dset)
      #expect(Self.value(r.compare, "rows", row, "empty_count") as? Int == empty)
      #expect(Self.value(r.compare, "rows", row, "q_auroc") as? Double == auroc)
      #expect(Self.source(Self.value(r.compare, "rows", row, "dset_source")) == fromTrain)
    }

    #expect(r.compress["discriminative_count"] as? Int == dset)
    #expect(Self.source(r.compress["dset_source"]) == fromTrain)

    #expect(Self.value(r.finetune, "before", "discriminative_count") as? Int == dset)
    #expect(Self.value(r.finetune, "before", "empty_count") as? Int == empty)
    #expect(Self.value(r.finetune, "before", "q_auroc") as? Double == auroc)
    #expect(Self.source(Self.value(r.finetune, "before", "dset_source")) == fromTrain)

    // The report page says where Dset came from and shows the same counts.
    #expect(r.report.contains("Dset fitted on \(Self.train) (5000 samples; --discriminative-from)"))
    #expect(r.report.contains("\(empty) of 2000"))
    #expect(r.report.contains(">\(dset)<"))
  }

  @Test("probe, compress at fraction 1, score --train, calibrate --train, compare and finetune's evaluation: one probe accuracy, to the last bit")
  func oneProbe() throws {
    let r = try Self.runs.get()
    let accuracy = try #require(r.probe["accuracy"] as? Double)
    #expect(r.compress["full_accuracy"] as? Double == accuracy)
    let curve = r.compress["curve"] as? [[String: Any]] ?? []
    #expect(curve.last?["fraction"] as? Double == 1)
    for ranking in ["discriminative", "random_mean", "variance"] { #expect(curve.last?[ranking] as? Double == accuracy, "\(ranking)") }
    #expect(Self.value(r.score, "misclassification", "accuracy") as? Double == accuracy)
    #expect(Self.value(r.scoreGiven, "misclassification", "accuracy") as? Double == accuracy)
    #expect(Self.value(r.calibrate, "rows", 0, "misclassification", "accuracy") as? Double == accuracy)
    #expect(Self.value(r.compare, "rows", 0, "probe_accuracy") as? Double == accuracy)
    #expect(Self.value(r.compare, "rows", 1, "probe_accuracy") as? Double == accuracy)
    #expect(Self.value(r.finetune, "before", "probe_accuracy") as? Double == accuracy)
    // Every one of them reports the same settings: scikit-learn's defaults.
    #expect(r.probe["C"] as? Double == 1 && r.probe["standardize"] as? Bool == true)
    #expect(Self.value(r.compress, "protocol", "C") as? Double == 1)
    #expect(Self.value(r.compress, "protocol", "standardize") as? Bool == true)
  }

  @Test("a --discriminative-from file of the wrong width is refused by every command, naming the file")
  func wrongWidth() throws {
    let narrow = "fixtures/score/ties.npy"
    let message = "ssl-quality: \(narrow): has 40 features but \(Self.test) has 256\n"
    let commands: [[String]] = [
      ["features", Self.test],
      ["score", Self.test],
      ["calibrate", Self.test],
      ["compare", Self.test, Self.test, "--names", "a,b"],
    ]
    for command in commands {
      let extra = command[0] == "compare" ? [narrow, narrow] : [narrow]
      let result = try CLI.run(command + ["--discriminative-from"] + extra)
      #expect(result.status == 2, "\(command[0])")
      #expect(result.stderr == message, "\(command[0])")
      #expect(result.stdout.isEmpty)
    }
    let compress = try CLI.run(["compress"] + Self.splits + ["--fractions", "1", "--seeds", "0", "--discriminative-from", narrow])
    #expect(compress.status == 2)
    #expect(compress.stderr == "ssl-quality: \(narrow): has 40 features but \(Self.test) has 256\n")
  }
}
