// ssl-quality · OptimizerTests.swift — optimisers and schedules against torch and lightly.

import SSLQuality
import SSLQualityTraining
import Testing

@Suite("Optimisers and schedules against torch / lightly")
struct OptimizerTests {
  let reference = Reference("optimisers")

  /// Runs three steps of `optimizer` from the reference start on its gradients.
  private func run<O: Optimizer>(_ optimizer: O, learningRate: Double) throws -> ParameterSet<Double> where O.Scalar == Double {
    var optimizer = optimizer
    var parameters = ParameterSet([
      ("weight", try reference.tensor("start.weight", as: Double.self)), ("bias", try reference.tensor("start.bias", as: Double.self)),
    ])
    for step in 0..<3 {
      let gradients = ParameterSet([
        ("weight", try reference.tensor("grad\(step).weight", as: Double.self)),
        ("bias", try reference.tensor("grad\(step).bias", as: Double.self)),
      ])
      optimizer.step(&parameters, gradients: gradients, learningRate: learningRate)
    }
    return parameters
  }

  private func expectParameters(_ parameters: ParameterSet<Double>, _ name: String) throws {
    for key in ["weight", "bias"] {
      let expected = try reference.tensor("\(name).\(key)", as: Double.self)
      #expect(maxDifference(parameters[key]!, expected) <= 1e-12, "\(name) \(key)")
    }
  }

  @Test func sgd() throws {
    try expectParameters(try run(SGD<Double>(momentum: 0.9, weightDecay: 1e-2), learningRate: 0.1), "sgd")
    try expectParameters(try run(SGD<Double>(momentum: 0.9, weightDecay: 1e-2, nesterov: true), learningRate: 0.1), "sgd_nesterov")
  }

  @Test func adamW() throws {
    try expectParameters(try run(AdamW<Double>(weightDecay: 0.1), learningRate: 0.05), "adamw")
  }

  @Test func lars() throws {
    try expectParameters(try run(LARS<Double>(momentum: 0.9, weightDecay: 0.1), learningRate: 0.5), "lars")
  }

  @Test func schedules() throws {
    let cosine = try reference.tensor("cosine", as: Double.self).scalars
    let period = try reference.tensor("cosine_period", as: Double.self).scalars
    let warmup = try reference.tensor("warmup_cosine", as: Double.self).scalars
    let ema = try reference.tensor("ema_momentum", as: Double.self).scalars
    for step in 0..<12 {
      #expect(abs(Schedule.cosine(step: step, maxSteps: 10, start: 1, end: 0.1) - cosine[step]) < 1e-12)
      #expect(abs(Schedule.cosine(step: step, maxSteps: 10, start: 1, end: 0.1, period: 4) - period[step]) < 1e-12)
      #expect(abs(Schedule.warmupCosine(step: step, maxSteps: 12, start: 1, end: 0, warmupSteps: 3) - warmup[step]) < 1e-12)
    }
    for step in 0..<10 { #expect(abs(Schedule.emaMomentum(step: step, maxSteps: 10) - ema[step]) < 1e-12) }
  }

  @Test func exponentialMovingAverage() {
    var random = SeededGenerator(seed: 1)
    let online = Linear<Double>(inputs: 3, outputs: 2, random: &random)
    var target = Linear<Double>(inputs: 3, outputs: 2, random: &random)
    let before = target
    updateMomentum(target: &target, online: online, momentum: 0.99)
    for k in 0..<6 {
      #expect(abs(target.weight.scalars[k] - (0.99 * before.weight.scalars[k] + 0.01 * online.weight.scalars[k])) < 1e-15)
    }
  }
}
