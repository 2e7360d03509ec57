// ssl-quality · SoftmaxLineObjectiveTests.swift — on-the-fly standardisation and line evaluations agree with plain evaluations.

import Testing
import TestSupport

@testable import SSLQuality

@Suite("Softmax objective: on-the-fly standardisation and line search")
struct SoftmaxLineObjectiveTests {
  /// Features with offsets (so standardisation matters), targets and a random point.
  static func problem(rows: Int = 600, columns: Int = 7, classes: Int = 4, seed: UInt64 = 3)
    -> (raw: Matrix, targets: [Int32], theta: [Double], direction: [Double])
  {
    var generator = SeededGenerator(seed: seed)
    let values = (0..<(rows * columns)).map { index in Float(generator.unit() * 2 + Double(index % columns)) }
    let targets = (0..<rows).map { Int32(($0 * 7) % classes) }
    let count = classes * columns + classes
    let theta = (0..<count).map { _ in generator.unit() - 0.5 }
    let direction = (0..<count).map { _ in generator.unit() - 0.5 }
    return (Matrix(rows: rows, columns: columns, values: values), targets, theta, direction)
  }

  static func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-5) -> Bool { abs(a - b) <= tolerance * max(1, abs(b)) }

  @Test("standardising on the fly gives the value and gradient of a standardised copy")
  func onTheFly() {
    let p = Self.problem()
    let standardizer = Standardizer(fitting: p.raw, context: .serial)
    let copy = SoftmaxObjective(features: standardizer.transform(p.raw, context: .serial), targets: p.targets, classes: 4, inverseRegularization: 0.5)
    let folded = SoftmaxObjective(features: p.raw, targets: p.targets, classes: 4, inverseRegularization: 0.5, standardization: standardizer)
    let (v1, g1) = copy.evaluate(p.theta, context: ExecutionContext(threads: 2)), (v2, g2) = folded.evaluate(p.theta, context: ExecutionContext(threads: 2))
    #expect(Self.close(v1, v2))
    for (a, b) in zip(g1, g2) { #expect(Self.close(a, b), "\(a) vs \(b)") }
    let test = Self.problem(rows: 50, seed: 9).raw
    let logits1 = SoftmaxObjective.logits(standardizer.transform(test, context: .serial), p.theta, classes: 4, context: .serial)
    let logits2 = SoftmaxObjective.logits(test, p.theta, classes: 4, standardization: standardizer, context: .serial)
    for (a, b) in zip(logits1.values, logits2.values) { #expect(Self.close(Double(a), Double(b))) }
  }

  @Test("along a line: value and slope equal full evaluations; the accepted step's gradient too",
        arguments: [false, true])
  func lineEvaluations(standardized: Bool) {
    let p = Self.problem()
    let objective = SoftmaxObjective(
      features: p.raw, targets: p.targets, classes: 4, inverseRegularization: 0.5,
      standardization: standardized ? Standardizer(fitting: p.raw, context: .serial) : nil)
    let line = SoftmaxLineObjective(objective, context: ExecutionContext(threads: 3))
    var x = p.theta
    let (value, gradient) = line.evaluate(at: x)
    let plain = objective.evaluate(x, context: .serial)
    #expect(Self.close(value, plain.value))
    for (a, b) in zip(gradient, plain.gradient) { #expect(Self.close(a, b)) }
    // Several accepted steps, past the exact refresh of the logits.
    for step in 0..<(SoftmaxLineObjective.refreshInterval + 2) {
      let alpha = [0.3, 1.7, 0.05][step % 3]
      line.beginLine(p.direction)
      for trial in [alpha * 2, alpha] {
        var point = x
        axpy(trial, p.direction, &point)
        let reference = objective.evaluate(point, context: .serial)
        let (v, slope) = line.along(trial)
        #expect(Self.close(v, reference.value), "step \(step) α \(trial)")
        #expect(Self.close(slope, dot(reference.gradient, p.direction), 1e-4), "step \(step) α \(trial)")
      }
      let moved = line.move(to: alpha)
      axpy(alpha, p.direction, &x)
      let reference = objective.evaluate(x, context: .serial)
      for (a, b) in zip(moved, reference.gradient) { #expect(Self.close(a, b, 1e-4), "step \(step)") }
    }
  }

  @Test("L-BFGS reaches the same minimum with line evaluations as with full evaluations")
  func sameMinimum() {
    let p = Self.problem()
    let objective = SoftmaxObjective(
      features: Standardizer(fitting: p.raw, context: .serial).transform(p.raw, context: .serial), targets: p.targets, classes: 4, inverseRegularization: 0.5)
    var optimizer = LBFGS()
    optimizer.tolerance = 1e-5
    optimizer.maxIterations = 500
    let start = [Double](repeating: 0, count: objective.parameterCount)
    let full = optimizer.minimize(from: start, objective: { objective.evaluate($0, context: ExecutionContext(threads: 2)) })
    let line = optimizer.minimize(from: start, objective: SoftmaxLineObjective(objective, context: ExecutionContext(threads: 2)))
    #expect(full.converged && line.converged)
    #expect(Self.close(full.value, line.value, 1e-6))
  }
}
