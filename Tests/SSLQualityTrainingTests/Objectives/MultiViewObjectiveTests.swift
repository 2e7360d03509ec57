// ssl-quality · MultiViewObjectiveTests.swift — MoCo, Barlow Twins, SwAV and DINO.

import SSLQualityTraining
import Testing

@Suite("Multi-view objectives against lightly 1.6")
struct MultiViewObjectiveReferenceTests {
  @Test func ntxentMemoryBank() throws {
    let loss = NTXentMemoryBank(temperature: 0.2)
    try expectMatchesReference(
      "ntxent_bank", inputs: 3, { loss.evaluate($0[0], $0[1], bank: $0[2]) }, { loss.evaluate($0[0], $0[1], bank: $0[2]) })
  }

  /// Narrow (B 16 > D 12) and wide (B 8 < D 40, the shape of Barlow Twins' wide heads).
  @Test(arguments: ["barlowtwins", "barlowtwins_wide"])
  func barlowTwins(fixture: String) throws {
    let loss = BarlowTwins()
    try expectMatchesReference(fixture, inputs: 2, { loss.evaluate($0[0], $0[1]) }, { loss.evaluate($0[0], $0[1]) })
  }

  @Test func swav() throws {
    let loss = SwAV()
    try expectMatchesReference(
      "swav", inputs: 5, { loss.evaluate(high: Array($0[..<2]), low: Array($0[2...])) },
      { loss.evaluate(high: Array($0[..<2]), low: Array($0[2...])) })
    try expectMatchesReference("swav_high_only", inputs: 2, { loss.evaluate(high: $0) }, { loss.evaluate(high: $0) })
  }

  @Test func dino() throws {
    let reference = Reference("dino")
    let loss = DINO()
    let center: Tensor<Double> = try reference.tensor("center")
    try expectMatchesReference(
      "dino", inputs: 6, { loss.evaluate(teacher: Array($0[..<2]), student: Array($0[2...]), center: center).objective },
      { loss.evaluate(teacher: Array($0[..<2]), student: Array($0[2...]), center: Tensor<Float>(center)).objective })
    let inputs: [Tensor<Float>] = try (0..<6).map { try reference.tensor("input_\($0)") }
    let updated = loss.evaluate(teacher: Array(inputs[..<2]), student: Array(inputs[2...]), center: Tensor<Float>(center)).center
    #expect(maxDifference(updated, try reference.tensor("updated_center", as: Double.self)) <= 1e-6)
  }
}

@Suite("Multi-view objective gradients (finite differences in Double)")
struct MultiViewObjectiveGradientTests {
  let views = (0..<5).map { randomTensor([6, 5], seed: 30 + UInt64($0)) }

  @Test func ntxentMemoryBank() {
    let bank = randomTensor([9, 5], seed: 40)
    expectFiniteDifferences([views[0], views[1], bank], "NT-Xent with bank") {
      NTXentMemoryBank(temperature: 0.3).evaluate($0[0], $0[1], bank: $0[2])
    }
  }

  @Test func barlowTwins() {
    expectFiniteDifferences([views[0], views[1]], "Barlow Twins") { BarlowTwins(lambda: 0.1).evaluate($0[0], $0[1]) }
    let wide = [randomTensor([4, 9], seed: 41), randomTensor([4, 9], seed: 42)]
    expectFiniteDifferences(wide, "Barlow Twins, D > B") { BarlowTwins(lambda: 0.1).evaluate($0[0], $0[1]) }
  }

  @Test func swav() {
    // The codes are constants: the check holds them at their value for the unperturbed input.
    let loss = SwAV(temperature: 0.5)
    let codes = views[..<2].map { loss.codes($0) }
    let analytic = loss.evaluate(high: Array(views[..<2]), low: Array(views[2...]))
    for index in 0..<5 {
      let numeric = numericalGradient(views, index) { inputs in
        var total = 0.0
        for i in 0..<2 {
          for v in 0..<5 where v != i {
            for r in 0..<6 {
              let row = (0..<5).map { inputs[v][r, $0] / 0.5 }
              let top = row.max()!
              let logSum = top + Double.log(row.reduce(0) { $0 + Double.exp($1 - top) })
              for c in 0..<5 { total -= codes[i][r * 5 + c] * (row[c] - logSum) / (6 * 2 * 4) }
            }
          }
        }
        return total
      }
      expectGradient(analytic.gradients[index], numeric, tolerance: 1e-6, "SwAV input \(index)")
    }
  }

  @Test func dino() {
    let center = randomTensor([1, 5], seed: 50, scale: 0.3)
    expectFiniteDifferences(Array(views[..<4]), "DINO") {
      DINO(teacherTemperature: 0.5, studentTemperature: 0.7).evaluate(teacher: Array($0[..<2]), student: Array($0[2...]), center: center).objective
    }
  }
}
