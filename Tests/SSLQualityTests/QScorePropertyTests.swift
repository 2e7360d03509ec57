// ssl-quality · QScorePropertyTests.swift — invariances of Q-Score and of the ranking metrics.

import Testing

@testable import SSLQuality

/// A deterministic sparse, heavy-tailed non-negative matrix.
func spikyMatrix(rows: Int, columns: Int, seed: UInt64) -> Matrix {
  var generator = SeededGenerator(seed: seed)
  let values = (0..<(rows * columns)).map { _ -> Float in
    let u = generator.unit()
    return u < 0.5 ? 0 : u > 0.97 ? Float(20 * generator.unit() + 5) : Float(generator.unit())
  }
  return Matrix(rows: rows, columns: columns, values: values)
}

func qScores(_ matrix: Matrix, epsilon: Double = 3, threads: Int = 2) -> (QScores, ActivationProfile, DiscriminativeFeatures) {
  let profile = ActivationProfile.measure(matrix, epsilon: epsilon, context: ExecutionContext(threads: threads))
  let discriminative = DiscriminativeFeatures(frequencies: profile.activationFrequency)
  return (QScores(profile: profile, discriminative: discriminative, context: ExecutionContext(threads: threads)), profile, discriminative)
}

@Suite("Q-Score properties")
struct QScorePropertyTests {
  let matrix = spikyMatrix(rows: 500, columns: 67, seed: 1)

  @Test func invariantToPermutingFeatures() {
    var generator = SeededGenerator(seed: 9)
    var permutation = Array(0..<matrix.columns)
    for k in stride(from: permutation.count - 1, to: 0, by: -1) { permutation.swapAt(k, Int(generator.next() % UInt64(k + 1))) }
    var permuted = Matrix(rows: matrix.rows, columns: matrix.columns)
    for i in 0..<matrix.rows { for j in 0..<matrix.columns { permuted[i, j] = matrix[i, permutation[j]] } }
    let (q, _, d) = qScores(matrix), (qp, _, dp) = qScores(permuted)
    #expect(Set(dp.indices.map { permutation[$0] }) == Set(d.indices))
    for (a, b) in zip(q.values, qp.values) { #expect(agrees(a, b, relative: 1e-12)) }
  }

  @Test(arguments: [Float(0.5), 3, 1024])
  func scalingARowScalesItsQ(factor: Float) {
    var scaled = Matrix(rows: matrix.rows, columns: matrix.columns, values: matrix.values)
    for j in 0..<matrix.columns { scaled[7, j] = matrix[7, j] * factor }
    let (q, profile, _) = qScores(matrix), (qs, profileScaled, _) = qScores(scaled)
    #expect(profile.highlyActive(7).map(\.feature) == profileScaled.highlyActive(7).map(\.feature))
    #expect(agrees(qs.values[7], q.values[7] * Double(factor), relative: 1e-6))
    #expect(q.values[7] > 0)
  }

  @Test func definedScoresArePositive() {
    let (q, _, _) = qScores(matrix)
    for (value, count) in zip(q.values, q.termCounts) { #expect(count == 0 ? value == 0 : value > 0) }
  }

  @Test(arguments: [1, 2, 3, 8])
  func identicalForAnyThreadCount(threads: Int) {
    let big = spikyMatrix(rows: 9000, columns: 40, seed: 4)  // several row blocks
    let (q1, p1, _) = qScores(big, threads: 1), (q, p, _) = qScores(big, threads: threads)
    #expect(q.values.map(\.bitPattern) == q1.values.map(\.bitPattern))
    #expect(p.sanity == p1.sanity && p.rowStd == p1.rowStd)
  }

  @Test func edgeShapes() {
    let single = Matrix(rows: 1, columns: 1, values: [3])
    let (q, profile, d) = qScores(single)
    #expect(q.values == [0] && q.emptyCount == 1 && d.count == 0 && profile.rowStd == [0])
    let zeros = Matrix(rows: 4, columns: 5)
    let (qz, _, _) = qScores(zeros)
    #expect(qz.values == [0, 0, 0, 0] && qz.emptyCount == 4)
    let withNaN = Matrix(rows: 2, columns: 3, values: [1, .nan, 0, 9, 0, 0])
    let (qn, pn, _) = qScores(withNaN, epsilon: 0.5)
    #expect(qn.values[0].isNaN && !pn.isFinite(0) && pn.finiteSamples == 1 && qn.values[1] > 0)
  }
}

@Suite("Ranking metrics")
struct RankingMetricTests {
  @Test func perfectRankingHasAveragePrecisionOne() {
    let ranking = BinaryRanking(scores: [0.9, 0.8, 0.3, 0.1], positive: [true, true, false, false])
    #expect(ranking.averagePrecision == 1 && ranking.rocAUC == 1)
  }

  @Test func reversingScoresComplementsAUROC() {
    var generator = SeededGenerator(seed: 3)
    let scores = (0..<300).map { _ in (generator.unit() * 10).rounded() }  // many ties
    let positive = scores.map { $0 + generator.unit() * 6 > 8 }
    let forward = BinaryRanking(scores: scores, positive: positive).rocAUC
    let backward = BinaryRanking(scores: scores.map { -$0 }, positive: positive).rocAUC
    #expect(abs(forward + backward - 1) < 1e-12)
  }

  @Test func matchesScikitLearnOnASmallCase() {
    // sklearn 1.9: precision_recall_curve([0,1,1,0,1], [0.1,0.4,0.4,0.2,0.9])
    let pr = BinaryRanking(scores: [0.1, 0.4, 0.4, 0.2, 0.9], positive: [false, true, true, false, true]).precisionRecallCurve
    #expect(pr.precision == [0.6, 0.75, 1, 1, 1])
    #expect(pr.recall == [1, 1, 1, 1.0 / 3, 0])
    #expect(pr.thresholds == [0.1, 0.2, 0.4, 0.9])
  }

  @Test func singleClassAndEmptyInputs() {
    let none = BinaryRanking(scores: [1, 2], positive: [false, false])
    #expect(none.averagePrecision == 0 && none.rocAUC.isNaN)
    let empty = BinaryRanking(scores: [], positive: [])
    #expect(empty.averagePrecision == 0 && empty.rocAUC.isNaN && empty.thresholds.isEmpty)
    let allTied = BinaryRanking(scores: [1, 1, 1, 1], positive: [true, false, true, false])
    #expect(allTied.averagePrecision == 0.5 && allTied.rocAUC == 0.5)
  }

  @Test func percentileMatchesNumpy() {
    // np.percentile([1, 2, 4, 7, 11], [0, 10, 50, 62.5, 95, 100])
    let values: [Double] = [1, 2, 4, 7, 11]
    #expect([0, 10, 50, 62.5, 95, 100].map { Percentile.linear(values, $0)! } == [1, 1.4, 4, 5.5, 10.2, 11])
    #expect(Percentile.linear([], 50) == nil && Percentile.linear([3], 70) == 3)
  }

  @Test("percentiles by selection equal percentiles of the sorted values (duplicates, every length)")
  func percentileBySelection() {
    var generator = SeededGenerator(seed: 11)
    for count in 1...60 {
      let values = (0..<count).map { _ in Double(Int(generator.unit() * 7)) / 2 }  // many ties
      let sorted = values.sorted()
      for q in [0, 3, 25, 50, 62.5, 95, 100.0] {
        var scratch = values
        #expect(Percentile.linear(selectingIn: &scratch, q) == Percentile.linear(sorted, q), "n \(count) q \(q)")
        #expect(scratch.sorted() == sorted)
      }
    }
    var empty: [Double] = []
    #expect(Percentile.linear(selectingIn: &empty, 50) == nil)
  }
}
