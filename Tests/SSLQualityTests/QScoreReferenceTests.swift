// ssl-quality · QScoreReferenceTests.swift — A_j, Dset, Q and AP/AUROC against numpy/scikit-learn.

import Foundation
import Testing
import TestSupport

@testable import SSLQuality

/// fixtures/score/expected.json, written by fixtures/make_score_reference.py.
struct ScoreReference {
  nonisolated(unsafe) static let all: [String: [String: Any]] = Fixtures.cases("score/expected.json")

  static func numbers(_ value: Any?) -> [Double] { (value as? [String] ?? []).map { Double($0) ?? .nan } }
}

/// Relative agreement, NaN matching NaN.
func agrees(_ a: Double, _ b: Double, relative: Double) -> Bool {
  (a.isNaN && b.isNaN) || a == b || abs(a - b) <= relative * max(abs(a), abs(b))
}

@Suite("Q-Score against the numpy / scikit-learn reference")
struct QScoreReferenceTests {
  /// (case, input file, fit file, epsilon, band)
  static let cases: [(String, String, String?, Double, ClosedRange<Double>)] = {
    var list: [(String, String, String?, Double, ClosedRange<Double>)] = [
      ("demo_test_eps4", "demo/test.npy", nil, 4, 50...95),
      ("demo_test_eps2", "demo/test.npy", nil, 2, 50...95),
      ("demo_test_dset_from_train_eps2", "demo/test.npy", "demo/train.npy", 2, 50...95),
    ]
    for name in ["ties", "edge_rows", "negative", "one_feature", "one_sample", "all_empty"] {
      list.append((name, "score/\(name).npy", nil, 4, 50...95))
      list.append((name + "_band10_90_eps1", "score/\(name).npy", nil, 1, 10...90))
    }
    return list
  }()

  @Test("A_j, Dset and Q match", arguments: cases.map(\.0))
  func matchesReference(name: String) throws {
    let (_, file, fitFile, epsilon, band) = try #require(Self.cases.first { $0.0 == name })
    let want = try #require(ScoreReference.all[name])
    let matrix = try loadFloat32NPY(file)
    let profile = ActivationProfile.measure(matrix, epsilon: epsilon, context: ExecutionContext(threads: 2))
    let fitProfile = try fitFile.map { ActivationProfile.measure(try loadFloat32NPY($0), epsilon: epsilon, context: ExecutionContext(threads: 2)) } ?? profile
    let discriminative = DiscriminativeFeatures(frequencies: fitProfile.activationFrequency, band: band)
    #expect(discriminative.frequencies == ScoreReference.numbers(want["frequency"]))
    #expect(discriminative.indices == want["dset"] as? [Int])
    let thresholds = ScoreReference.numbers(want["thresholds"])
    #expect(discriminative.thresholds.map { [$0.low, $0.high] } ?? [] == thresholds)
    for normalization in QScoreNormalization.allCases {
      let q = QScores(profile: profile, discriminative: discriminative, normalization: normalization, context: .serial)
      let reference = ScoreReference.numbers(want["q_" + normalization.rawValue])
      #expect(q.values.count == reference.count)
      for (i, (got, expected)) in zip(q.values, reference).enumerated() {
        #expect(agrees(got, expected, relative: 1e-5), "\(name) \(normalization) Q[\(i)] \(got) != \(expected)")
      }
      #expect(q.emptyCount == want["empty"] as? Int)
    }
    for (got, expected) in zip(profile.l1Norm, ScoreReference.numbers(want["l1"])) { #expect(agrees(got, expected, relative: 1e-9)) }
    for (got, expected) in zip(profile.maxZ, ScoreReference.numbers(want["max_z"])) { #expect(agrees(got, expected, relative: 1e-9)) }
  }

  @Test("AP and AUROC of every score match scikit-learn", arguments: ["demo_test_eps4", "demo_test_eps2"])
  func misclassification(name: String) throws {
    let want = try #require(ScoreReference.all[name])
    let epsilon: Double = name.hasSuffix("eps4") ? 4 : 2
    let matrix = try loadFloat32NPY("demo/test.npy")
    let labels = try loadInt64NPY("demo/test_labels.npy"), predictions = try loadInt64NPY("demo/test_predictions.npy")
    let probabilities = try loadFloat32NPY("demo/test_probabilities.npy")
    let profile = ActivationProfile.measure(matrix, epsilon: epsilon, context: ExecutionContext(threads: 2))
    let q = QScores(profile: profile, discriminative: DiscriminativeFeatures(frequencies: profile.activationFrequency), context: .serial)
    let msp = (0..<probabilities.rows).map { Double(probabilities.row($0).max() ?? 0) }
    let correct = zip(labels, predictions).map { $0 == $1 }
    let report = MisclassificationReport(correct: correct, scores: [.q: q.values, .msp: msp, .l1: profile.l1Norm, .maxZ: profile.maxZ])
    #expect(agrees(report.accuracy, Double(want["accuracy"] as? String ?? "") ?? .nan, relative: 1e-12))
    let reference = try #require(want["misclassification"] as? [String: [String: Any]])
    for (score, metrics) in reference {
      let got = try #require(report.scores.first { $0.name == score })
      #expect(abs(got.auprcCorrect - (metrics["auprc_correct"] as? Double ?? .nan)) <= 1e-6, "\(score) auprc_correct")
      #expect(abs(got.auprcMisclassified - (metrics["auprc_misclassified"] as? Double ?? .nan)) <= 1e-6, "\(score) auprc_misclassified")
      #expect(abs(got.auroc - (metrics["auroc"] as? Double ?? .nan)) <= 1e-6, "\(score) auroc")
    }
  }
}

/// Loads a little-endian int64 1-D `.npy` fixture without the IO module.
func loadInt64NPY(_ relative: String) throws -> [Int] {
  let bytes = try Fixtures.data(relative)
  let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
  return bytes[(10 + headerLength)...].withUnsafeBytes { Array($0.bindMemory(to: Int64.self)).map { Int($0) } }
}
