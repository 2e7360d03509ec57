// ssl-quality · ObjectiveTests.swift — objectives against lightly and finite differences.

import SSLQualityTraining
import Testing

@Suite("Objectives against lightly 1.6")
struct ObjectiveReferenceTests {
  @Test(arguments: [0.5, 0.1])
  func ntxent(temperature: Double) throws {
    let loss = NTXent(temperature: temperature)
    try expectMatchesReference("ntxent_t\(temperature)", inputs: 2, { loss.evaluate($0[0], $0[1]) }, { loss.evaluate($0[0], $0[1]) })
  }

  @Test func negativeCosine() throws {
    let loss = NegativeCosine()
    try expectMatchesReference("negative_cosine", inputs: 2, { loss.evaluate($0[0], $0[1]) }, { loss.evaluate($0[0], $0[1]) })
  }

  /// Narrow (B 16 > D 12) and wide (B 8 < D 40, the shape of VICReg's wide heads).
  @Test(arguments: ["vicreg", "vicreg_wide"])
  func vicreg(fixture: String) throws {
    let loss = VICReg()
    try expectMatchesReference(fixture, inputs: 2, { loss.evaluate($0[0], $0[1]) }, { loss.evaluate($0[0], $0[1]) })
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

  @Test func vicregWide() {
    let a = randomTensor([4, 9], seed: 13) * 0.5, b = randomTensor([4, 9], seed: 14) * 0.5
    expectFiniteDifferences([a, b], "VICReg, D > B") { VICReg().evaluate($0[0], $0[1]) }
  }
}
