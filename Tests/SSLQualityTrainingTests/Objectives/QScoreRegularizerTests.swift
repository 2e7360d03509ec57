// ssl-quality · QScoreRegularizerTests.swift — the regulariser against numpy + autograd.

import SSLQualityTraining
import Testing

@Suite("Q-Score regulariser")
struct QScoreRegularizerTests {
  let reference = Reference("qreg")

  @Test func setsMatchNumpy() throws {
    let z = try reference.tensor("input_0", as: Float.self)
    let selection = QScoreRegularizer().select(z)
    #expect(selection.lowRows == (try reference.tensor("low_rows", as: Double.self)).scalars.map { Int($0) })
    #expect(selection.heavyColumns == (try reference.tensor("heavy_columns", as: Double.self)).scalars.map { Int($0) })
    #expect(selection.discriminativeCount == Int(try reference.scalar("discriminative_count")))
    expectValue(selection.alpha, try reference.scalar("alpha"), tolerance: 1e-9, "alpha")
    expectValue(selection.beta, try reference.scalar("beta"), tolerance: 1e-9, "beta")
    let terms = try reference.tensor("terms", as: Double.self)
    for row in 0..<z.rows {
      let expected = (0..<z.columns).filter { terms[row, $0] != 0 }
      #expect(selection.terms[row] == expected, "S_\(row)")
    }
  }

  @Test func valueAndGradient() throws {
    let value = try reference.scalar("value"), gradient = try reference.tensor("grad_0", as: Double.self)
    let exact = QScoreRegularizer().evaluate(try reference.tensor("input_0", as: Double.self))
    let single = QScoreRegularizer().evaluate(try reference.tensor("input_0", as: Float.self))
    expectValue(exact.value, value, tolerance: 1e-10, "R (Double)")
    expectValue(single.value, value, tolerance: 1e-5, "R (Float)")
    expectGradient(exact.gradients[0], gradient, tolerance: 1e-9, "∂R (Double)")
    expectGradient(single.gradients[0], gradient, tolerance: 1e-4, "∂R (Float)")
  }

  @Test func finiteDifferencesWithFixedSets() throws {
    // 12 × 30 non-negative entries with spikes, ε = 2: several non-empty S_i.
    var z = randomTensor([12, 30], seed: 21)
    for k in 0..<z.count { z.scalars[k] = abs(z.scalars[k]) + (k % 7 == 0 ? 4 : 0) }
    let regularizer = QScoreRegularizer(epsilon: 2, band: 0...100, lambda1: 0.5, lambda2: 0.25)
    let selection = regularizer.select(z)
    #expect(selection.lowRows.contains { !selection.terms[$0].isEmpty } && !selection.heavyColumns.isEmpty)
    // Away from zero entries (|z| is not differentiable there) the sets-fixed R is smooth.
    expectFiniteDifferences([z], tolerance: 1e-6, "R") { regularizer.evaluate($0[0], selection: selection) }
  }
}
