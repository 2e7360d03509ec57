// ssl-quality · ScoreAnalysisTests.swift — the score analysis called as a library, and its result read back.

import Foundation
import SSLQuality
import SSLQualityAnalysis
import TestSupport
import Testing

@Suite struct ScoreAnalysisTests {
  static func demo() -> ScoreAnalysis {
    var analysis = ScoreAnalysis(embeddings: Fixtures.path("demo/test.npy"))
    analysis.labels = Fixtures.path("demo/test_labels.npy")
    analysis.predictions = Fixtures.path("demo/test_predictions.npy")
    analysis.probabilities = Fixtures.path("demo/test_probabilities.npy")
    analysis.lowest = 3
    analysis.resamples = 50
    return analysis
  }

  @Test func resultRoundTrips() throws {
    let outcome = try Self.demo().run(context: .serial, notices: .silent)
    #expect(outcome.result.misclassification?.scores.map(\.name) == ["q", "msp", "l1", "max_z"])
    #expect(outcome.result.lowest?.count == 3)
    #expect(outcome.q.count == outcome.result.samples)
    try expectRoundTrip(outcome.result)
  }

  @Test func fittedProbeRoundTrips() throws {
    var analysis = ScoreAnalysis(embeddings: Fixtures.path("probe/digits_test.npy"))
    analysis.labels = Fixtures.path("probe/digits_test_labels.npy")
    analysis.train = Fixtures.path("probe/digits_train.npy")
    analysis.trainLabels = Fixtures.path("probe/digits_train_labels.npy")
    analysis.probe = .knn(KNNClassifier())
    analysis.resamples = 50
    let result = try analysis.run(context: .serial, notices: .silent).result
    let probe = try #require(try jsonObject(result)["misclassification"] as? [String: Any])["probe"] as? [String: Any]
    #expect(probe?["method"] as? String == "knn" && probe?["k"] as? Int == 20)
    #expect(result.dsetSource.rule == .train)
    try expectRoundTrip(result)
  }
}
