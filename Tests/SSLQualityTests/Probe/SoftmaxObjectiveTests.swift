// ssl-quality · SoftmaxObjectiveTests.swift — the softmax objective's gradient against finite differences.

import Testing

@testable import SSLQuality

@Suite("Softmax objective")
struct SoftmaxObjectiveTests: ProbeFixtureSuite {
  @Test("the gradient matches finite differences")
  func gradientCheck() {
    var generator = SeededGenerator(seed: 5)
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
}
