// ssl-quality · KNNClassifierTests.swift — kNN against the numpy DINO formula.

import Testing

@testable import SSLQuality

@Suite("kNN classifier")
struct KNNClassifierTests: ProbeFixtureSuite {
  @Test("kNN predictions equal the numpy DINO formula", arguments: ["digits", "demo"])
  func knnParity(name: String) throws {
    let data = try Self.split(name)
    let want = try #require(Self.reference[name]?["knn_predictions"] as? [Int])
    let (votes, encoding) = KNNClassifier().votes(train: data.train, trainLabels: data.trainLabels, test: data.test, context: ExecutionContext(threads: 2))
    let predictions = ProbePredictions(scores: votes, encoding: encoding)
    #expect(predictions.labels == want)
    var small = KNNClassifier()
    small.trainBlock = 97  // many train chunks: the merged top-k must not change
    small.testBlock = 31
    let (chunked, _) = small.votes(train: data.train, trainLabels: data.trainLabels, test: data.test, context: ExecutionContext(threads: 2))
    #expect(ProbePredictions(scores: chunked, encoding: encoding).labels == want)
  }
}
