// ssl-quality · ObjectiveTests.swift — objectives against lightly and finite differences.

import SSLQualityTraining
import Testing

/// Compares an objective's value and gradients with a lightly reference, in Double
/// (tight) and in Float (1e-5 relative value, 1e-4 of the largest gradient entry).
private func expectMatches(
  _ name: String, inputs count: Int, sourceLocation: SourceLocation = #_sourceLocation,
  _ double: ([Tensor<Double>]) -> ObjectiveValue<Double>, _ float: ([Tensor<Float>]) -> ObjectiveValue<Float>
) throws {
  let reference = Reference(name)
  let inputs = try (0..<count).map { try reference.tensor("input_\($0)", as: Double.self) }
  let value = try reference.scalar("value")
  let exact = double(inputs), single = float(inputs.map { Tensor<Float>($0) })
  expectValue(exact.value, value, tolerance: 1e-10, "\(name) (Double)", sourceLocation: sourceLocation)
  expectValue(single.value, value, tolerance: 1e-5, "\(name) (Float)", sourceLocation: sourceLocation)
  for index in 0..<count {
    let gradient = try reference.tensor("grad_\(index)", as: Double.self)
    expectGradient(exact.gradients[index], gradient, tolerance: 1e-9, "\(name) (Double) input \(index)", sourceLocation: sourceLocation)
    expectGradient(single.gradients[index], gradient, tolerance: 1e-4, "\(name) (Float) input \(index)", sourceLocation: sourceLocation)
  }
}

@Suite("Objectives against lightly 1.6")
struct ObjectiveReferenceTests {
  @Test(arguments: [0.5, 0.1])
  func ntxent(temperature: Double) throws {
    let loss = NTXent(temperature: temperature)
    try expectMatches("ntxent_t\(temperature)", inputs: 2, { loss.evaluate($0[0], $0[1]) }, { loss.evaluate($0[0], $0[1]) })
  }

  @Test func negativeCosine() throws {
    let loss = NegativeCosine()
    try expectMatches("negative_cosine", inputs: 2, { loss.evaluate($0[0], $0[1]) }, { loss.evaluate($0[0], $0[1]) })
  }

  @Test func vicreg() throws {
    let loss = VICReg()
    try expectMatches("vicreg", inputs: 2, { loss.evaluate($0[0], $0[1]) }, { loss.evaluate($0[0], $0[1]) })
  }
}

@Suite("Objective gradients (finite differences in Double)")
struct ObjectiveGradientTests {
  let a = randomTensor([6, 5], seed: 11), b = randomTensor([6, 5], seed: 12)

  @Test func ntxent() {
    expectFiniteDifferences([a, b], "NT-Xent") { NTXent(temperature: 0.3).evaluate($0[0], $0[1]) }
  }

  @Test func negativeCosine() {
    expectFiniteDifferences([a, b], "negative cosine") { NegativeCosine().evaluate($0[0], $0[1]) }
  }

  @Test func vicreg() {
    // Small scale so that some standard deviations are below 1 (the hinge is active).
    expectFiniteDifferences([a * 0.5, b * 0.5], "VICReg") { VICReg().evaluate($0[0], $0[1]) }
  }
}
