// ssl-quality · ProbeTests.swift — linear probes against scikit-learn, kNN against numpy.

import Foundation
import Testing
import TestSupport

@testable import SSLQuality

@Suite("Linear probes")
struct ProbeTests {
  nonisolated(unsafe) static let reference: [String: [String: Any]] = Fixtures.cases("probe/expected.json")

  struct Split {
    var train: Matrix, trainLabels: [Int], test: Matrix, testLabels: [Int]
  }

  static func split(_ name: String) throws -> Split {
    let files = try #require(reference[name]?["files"] as? [String])
    return Split(
      train: try loadFloat32NPY(files[0]), trainLabels: try loadInt64NPY(files[1]), test: try loadFloat32NPY(files[2]),
      testLabels: try loadInt64NPY(files[3]))
  }

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

  @Test("the gradient matches finite differences")
  func gradientCheck() {
    var generator = SplitMix(seed: 5)
    let x = Matrix(rows: 30, columns: 4, values: (0..<120).map { _ in Float(generator.unit() * 2 - 1) })
    let targets = (0..<30).map { Int32($0 % 3) }
    let objective = SoftmaxObjective(features: x, targets: targets, classes: 3, inverseRegularization: 0.7)
    let theta = (0..<objective.parameterCount).map { _ in generator.unit() - 0.5 }
    let (_, gradient) = objective.evaluate(theta, context: ExecutionContext(threads: 2))
    for index in theta.indices {
      var plus = theta, minus = theta
      plus[index] += 1e-3
      minus[index] -= 1e-3
      let numeric = (objective.evaluate(plus, context: .serial).value - objective.evaluate(minus, context: .serial).value) / 2e-3
      #expect(abs(numeric - gradient[index]) < 2e-4, "parameter \(index): \(numeric) vs \(gradient[index])")
    }
  }

  @Test("a separable problem is learned perfectly by every protocol")
  func separable() {
    var generator = SplitMix(seed: 8)
    var values: [Float] = [], labels: [Int] = []
    for i in 0..<300 {
      let label = [7, 42, -1][i % 3]
      let center: [Float] = label == 7 ? [5, 0] : label == 42 ? [0, 5] : [-5, -5]
      values += center.map { $0 + Float(generator.unit() - 0.5) }
      labels.append(label)
    }
    let x = Matrix(rows: 300, columns: 2, values: values)
    for method in [ProbeProtocol.logisticRegression(LogisticRegressionProbe()), .sgd(SGDProbe()), .knn(KNNClassifier())] {
      let run = method.run(train: x, trainLabels: labels, test: x, context: .serial)
      #expect(run.predictions.accuracy(labels).top1 == 1)
      #expect(Set(run.predictions.labels) == [7, 42, -1])
    }
  }

  @Test("fits are identical whatever the thread count")
  func determinism() throws {
    let data = try Self.split("digits")
    func fit(_ threads: Int) -> [Double] {
      LogisticRegressionProbe().fit(data.train, labels: data.trainLabels, context: ExecutionContext(threads: threads)).classifier.parameters
    }
    #expect(fit(1) == fit(2) && fit(2) == fit(5))
    func sgd(_ threads: Int) -> [Double] {
      var probe = SGDProbe()
      probe.epochs = 3
      return probe.fit(data.train, labels: data.trainLabels, context: ExecutionContext(threads: threads)).classifier.parameters
    }
    #expect(sgd(1) == sgd(2))
  }

  @Test("warm start from the solution stops at once")
  func warmStart() throws {
    let data = try Self.split("digits")
    let first = LogisticRegressionProbe().fit(data.train, labels: data.trainLabels, context: .serial)
    let again = LogisticRegressionProbe().fit(data.train, labels: data.trainLabels, warmStart: first.classifier.parameters, context: .serial)
    #expect(again.optimization.iterations == 0 && again.optimization.converged)
  }
}
