// ssl-quality · EpsilonCalibrationTests.swift — every ε from one pass equals one score run per ε.

import Foundation
import Testing
import TestSupport

@testable import SSLQuality

/// A matrix that counts the rows handed out, to show a calibration reads each row once.
///
/// Invariant (why `@unchecked Sendable` holds): `matrix` is immutable and `rowsRead` is
/// only written while holding `lock`.
final class RowCountingSource: RowSource, @unchecked Sendable {
  let matrix: Matrix
  private let lock = NSLock()
  private(set) var rowsRead = 0

  init(_ matrix: Matrix) { self.matrix = matrix }
  var rows: Int { matrix.rows }
  var columns: Int { matrix.columns }

  func withRows<R>(_ range: Range<Int>, scratch: RowScratch, _ body: (MatrixView) throws -> R) rethrows -> R {
    lock.withLock { rowsRead += range.count }
    return try matrix.withRows(range, scratch: scratch, body)
  }
}

@Suite("ε calibration")
struct EpsilonCalibrationTests {
  @Test("one pass; at each ε the same Dset, Q and AUROC as a separate score run; same bits for any threads")
  func equalsSeparateRuns() throws {
    let matrix = try loadFloat32NPY("demo/test.npy")
    let correct = (0..<matrix.rows).map { $0 % 7 != 0 }
    let epsilons = [1, 2.5, 4, 0.5, 3]
    let source = RowCountingSource(matrix)
    let calibration = EpsilonCalibration.measure(
      source, epsilons: epsilons, band: 50...95, correct: correct, context: ExecutionContext(threads: 2))
    #expect(source.rowsRead == matrix.rows)
    #expect(calibration.rows.map(\.epsilon) == epsilons)
    for row in calibration.rows {
      let profile = ActivationProfile.measure(matrix, epsilon: row.epsilon, context: .serial)
      let discriminative = DiscriminativeFeatures(frequencies: profile.activationFrequency, band: 50...95)
      let q = QScores(profile: profile, discriminative: discriminative, context: .serial)
      #expect(row.discriminativeCount == discriminative.count && row.emptyCount == q.emptyCount)
      #expect(row.thresholds == discriminative.thresholds.map { [$0.low, $0.high] })
      #expect(row.q == QSummary(Summary(q.values)))
      let metrics = try #require(MisclassificationReport(correct: correct, scores: [.q: q.values]).scores.first)
      #expect(row.misclassification?.scores.q.auroc == metrics.auroc)
      #expect(row.misclassification?.scores.q.auprcCorrect == metrics.auprcCorrect)
    }
    let serial = EpsilonCalibration.measure(matrix, epsilons: epsilons, band: 50...95, correct: correct, context: .serial)
    #expect(serial == calibration)
  }

  @Test("recommendation: the largest ε with at most 10% of Q = 0, else the fewest; label-optimal: the largest AUROC")
  func recommendation() throws {
    let matrix = try loadFloat32NPY("demo/test.npy")
    let calibration = EpsilonCalibration.measure(matrix, epsilons: EpsilonCalibration.defaultEpsilons, band: 50...95, context: .serial)
    let qualifying = calibration.rows.filter { $0.emptyShare <= 0.1 }.map(\.epsilon)
    #expect(calibration.recommendedEpsilon == qualifying.max() && calibration.recommendedEpsilon == 2.5)
    #expect(calibration.labelOptimalEpsilon == nil)
    let sparse = EpsilonCalibration.measure(matrix, epsilons: [4, 3.5], band: 50...95, context: .serial)
    #expect(sparse.recommendedEpsilon == 3.5)  // neither qualifies: the fewest Q = 0
    let correct = (0..<matrix.rows).map { $0 % 3 != 0 }
    let labelled = EpsilonCalibration.measure(matrix, epsilons: [1, 2, 4], band: 50...95, correct: correct, context: .serial)
    let aurocs = labelled.rows.compactMap { row in row.misclassification.map { (row.epsilon, $0.scores.q.auroc) } }
    #expect(labelled.labelOptimalEpsilon == aurocs.max { $0.1 < $1.1 }?.0)
  }
}
