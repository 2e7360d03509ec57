// ssl-quality · AnalysisWarningTests.swift — when an analysis is degenerate.

import Testing

@testable import SSLQuality

@Suite("Analysis warnings")
struct AnalysisWarningUnitTests {
  @Test func scoringRules() {
    #expect(AnalysisWarning.scoring(discriminativeCount: 4, empty: 0, samples: 10) == [.tinyDiscriminativeSet(count: 4)])
    #expect(AnalysisWarning.scoring(discriminativeCount: 5, empty: 5, samples: 10).isEmpty)
    #expect(AnalysisWarning.scoring(discriminativeCount: 5, empty: 6, samples: 10) == [.mostSamplesEmpty(empty: 6, samples: 10)])
    #expect(AnalysisWarning.scoring(discriminativeCount: 0, empty: 10, samples: 10) == [.tinyDiscriminativeSet(count: 0), .allScoresZero(samples: 10)])
  }

  @Test func probeAndPredictionRules() {
    let counts = ClassCounts([0, 0, 0, 1, 2, 3, 4, 5, 6, 7])  // most common label: 30%
    #expect(AnalysisWarning.probe(accuracy: 0.35, labels: counts) == [.probeNearChance(accuracy: 0.35, chance: 0.3)])
    #expect(AnalysisWarning.probe(accuracy: 0.36, labels: counts).isEmpty)
    #expect(AnalysisWarning.prediction(auprcCorrect: 0.855, auroc: 0.49, accuracy: 0.865).count == 1)
    #expect(AnalysisWarning.prediction(auprcCorrect: 0.95, auroc: 0.7, accuracy: 0.865).isEmpty)
  }
}
