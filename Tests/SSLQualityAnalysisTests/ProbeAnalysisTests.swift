// ssl-quality · ProbeAnalysisTests.swift — the probe analysis called as a library, and its result read back.

import Foundation
import SSLQuality
import SSLQualityAnalysis
import TestSupport
import Testing

@Suite struct ProbeAnalysisTests {
  static let digits = (
    train: Fixtures.path("probe/digits_train.npy"), trainLabels: Fixtures.path("probe/digits_train_labels.npy"),
    test: Fixtures.path("probe/digits_test.npy"), testLabels: Fixtures.path("probe/digits_test_labels.npy"))

  @Test(arguments: [ProbeProtocol.logisticRegression(LogisticRegressionProbe()), .sgd(SGDProbe()), .knn(KNNClassifier())])
  func resultRoundTripsWithTheMethodsKnobs(probe: ProbeProtocol) throws {
    var sgd = SGDProbe()
    sgd.epochs = 2
    let probe: ProbeProtocol = if case .sgd = probe { .sgd(sgd) } else { probe }
    let d = Self.digits
    let outcome = try ProbeAnalysis(train: d.train, trainLabels: d.trainLabels, test: d.test, testLabels: d.testLabels, probe: probe)
      .run(context: .serial, notices: .silent)
    let object = try jsonObject(outcome.result)
    let knobs: Set<String> = switch probe {
    case .logisticRegression: ["C", "standardize", "tolerance", "max_iter"]
    case .sgd: ["lr", "epochs", "batch_size", "weight_decay", "seed", "standardize", "momentum"]
    case .knn: ["k", "temperature"]
    }
    let common: Set<String> = [
      "method", "accuracy", "accuracy_interval", "top5", "classes", "train_samples", "test_samples", "excluded_test_rows", "features", "iterations",
      "evaluations", "converged", "gradient_norm", "objective", "seconds", "warnings",
    ]
    #expect(Set(object.keys) == common.union(knobs))
    #expect(outcome.predicted.count == outcome.testRows && outcome.classScores.count == outcome.testRows * outcome.classes)
    try expectRoundTrip(outcome.result)
  }
}
