// ssl-quality · LayeredActivationsTests.swift — one search at the smallest ε gives every ε's L_i exactly.

import Testing
import TestSupport

@testable import SSLQuality

@Suite("Layered activations")
struct LayeredActivationsTests {
  @Test("at each ε, the activation frequencies of one ActivationCounts pass; repeated and unordered ε are fine")
  func equalsSeparateCounts() {
    let matrix = awkwardMatrix(rows: 301, columns: 37)
    let epsilons: [Double] = [2, 0, 4, 0.5, 1, 2, 1.25]
    var pass = RowPass()
    pass.blockBytes = 1 << 10
    let layered = pass.add(LayeredActivations(epsilons: epsilons))
    let state = pass.run(matrix, context: ExecutionContext(threads: 2))[layered]
    #expect(state.epsilons == [0, 0.5, 1, 1.25, 2, 4])
    for epsilon in epsilons {
      var single = RowPass()
      let counts = single.add(ActivationCounts(epsilon: epsilon, keepingEntries: true))
      let expected = single.run(matrix, context: .serial)[counts]
      #expect(state.activationFrequencies[state.rank(of: epsilon)] == expected.activationFrequency, "ε = \(epsilon)")
      #expect(state.finiteRowCount == expected.finiteRows)
    }
  }

  @Test(
    "at each ε, the Q-Scores of one score run, bit for bit, with NaN/∞ rows, both normalisations, more than 8 ε",
    arguments: QScoreNormalization.allCases, [[0, 0.5, 1, 2, 3], (0...10).map { Double($0) * 0.3 }])
  func equalsSeparateQScores(normalization: QScoreNormalization, epsilons: [Double]) {
    let matrix = awkwardMatrix(rows: 301, columns: 37)
    var pass = RowPass()
    pass.blockBytes = 700
    let layered = pass.add(LayeredActivations(epsilons: epsilons))
    let result = pass.run(matrix, context: ExecutionContext(threads: 3))
    let state = result[layered]
    let discriminative = state.activationFrequencies.map { DiscriminativeFeatures(frequencies: $0, band: 20...90) }
    let scores = state.qScores(discriminative: discriminative, normalization: normalization, context: .serial)
    for (k, epsilon) in epsilons.enumerated() {
      let profile = ActivationProfile.measure(matrix, epsilon: epsilon, context: .serial)
      let expected = QScores(profile: profile, discriminative: discriminative[k], normalization: normalization, context: .serial)
      #expect(scores[k].values.map(\.bitPattern) == expected.values.map(\.bitPattern), "ε = \(epsilon)")
      #expect(scores[k].emptyCount == expected.emptyCount)
    }
    #expect(scores[0].values.contains { $0.isNaN } && scores[0].values.contains { $0 > 0 })
  }

  @Test("entries more than 255 features apart (stored through fillers) count and score as one score run per ε")
  func distantEntries() {
    // Small ripples, and per row three spikes: near the start, past column 255 for the
    // first entry of some rows, and far apart.
    let rows = 40, columns = 1000
    var values = (0..<(rows * columns)).map { Float(($0 * 37) % 11) * 0.01 }
    for i in 0..<rows {
      for (n, j) in [i % 3 == 0 ? 300 + i : i, 290 + 7 * i, 999 - i].enumerated() { values[i * columns + j] = Float(4 + n + i % 5) }
    }
    let matrix = Matrix(rows: rows, columns: columns, values: values)
    let epsilons: [Double] = [0.5, 1, 3]
    var pass = RowPass()
    pass.blockBytes = 9000
    let layered = pass.add(LayeredActivations(epsilons: epsilons))
    let state = pass.run(matrix, context: ExecutionContext(threads: 2))[layered]
    #expect(state.blocks.contains { $0.values.contains(-.infinity) })
    let discriminative = state.activationFrequencies.map { DiscriminativeFeatures(frequencies: $0, band: 0...100) }
    let scores = state.qScores(discriminative: discriminative, normalization: .none, context: .serial)
    for (k, epsilon) in epsilons.enumerated() {
      let profile = ActivationProfile.measure(matrix, epsilon: epsilon, context: .serial)
      #expect(state.activationFrequencies[k] == profile.activationFrequency, "ε = \(epsilon)")
      let expected = QScores(profile: profile, discriminative: discriminative[k], context: .serial)
      #expect(scores[k].values.map(\.bitPattern) == expected.values.map(\.bitPattern), "ε = \(epsilon)")
      #expect(scores[k].values.allSatisfy { $0 > 0 })
    }
  }
}
