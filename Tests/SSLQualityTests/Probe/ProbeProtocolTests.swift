// ssl-quality · ProbeProtocolTests.swift — every probe protocol learns a separable problem, whatever the thread count.

import Testing

@testable import SSLQuality

@Suite("Probe protocols")
struct ProbeProtocolTests: ProbeFixtureSuite {
  @Test("a separable problem is learned perfectly by every protocol")
  func separable() {
    var generator = SeededGenerator(seed: 8)
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
}
