// ssl-quality · LogisticRegressionProbeTests.swift — logreg against scikit-learn, and warm starts.

import Testing

@testable import SSLQuality

@Suite("Logistic-regression probe")
struct LogisticRegressionProbeTests: ProbeFixtureSuite {
  @Test("logreg matches scikit-learn's accuracy and objective",
        arguments: ["digits", "demo"], [1.0, 0.1])
  func logisticRegressionParity(name: String, c: Double) throws {
    let data = try Self.split(name)
    let cases = try #require(Self.reference[name]?["logreg"] as? [String: [String: Double]])
    for tolerance in [1e-4, 1e-6] {
      let want = try #require(cases["C\(c == 1 ? "1" : "0.1")_tol\(tolerance == 1e-4 ? "0.0001" : "1e-06")"])
      var probe = LogisticRegressionProbe()
      probe.inverseRegularization = c
      probe.optimizer.tolerance = tolerance
      probe.optimizer.maxIterations = 10_000
      let fit = probe.fit(data.train, labels: data.trainLabels, context: ExecutionContext(threads: 2))
      let accuracy = ProbePredictions(scores: fit.classifier.probabilities(data.test, context: .serial), encoding: fit.classifier.encoding)
        .accuracy(data.testLabels).top1
      #expect(abs(accuracy - want["accuracy"]!) <= 0.005, "\(name) C=\(c) tol=\(tolerance): accuracy \(accuracy) vs \(want["accuracy"]!)")
      if tolerance == 1e-6 {
        let objective = want["objective"]!
        #expect(abs(fit.optimization.value - objective) <= 1e-4 * objective, "\(name) C=\(c): objective \(fit.optimization.value) vs \(objective)")
      }
    }
  }

  @Test("warm start from the solution stops at once")
  func warmStart() throws {
    let data = try Self.split("digits")
    let first = LogisticRegressionProbe().fit(data.train, labels: data.trainLabels, context: .serial)
    let again = LogisticRegressionProbe().fit(data.train, labels: data.trainLabels, warmStart: first.classifier.parameters, context: .serial)
    #expect(again.optimization.iterations == 0 && again.optimization.converged)
  }
}
