// ssl-quality · ConfidenceIntervalTests.swift — normal-approximation intervals, clipped.

import Testing

@testable import SSLQuality

@Suite("Uncertainty: confidence interval")
struct ConfidenceIntervalTests {
  @Test("estimate ± half-width, clipped to the bounds; NaN half-width gives NaN bounds")
  func clipped() {
    let inside = ConfidenceInterval(estimate: 0.5, halfWidth: 0.25, clippedTo: 0...1, confidence: 0.95)
    #expect(inside == ConfidenceInterval(lower: 0.25, upper: 0.75, confidence: 0.95))
    #expect(inside.width == 0.5 && inside.contains(0.25) && inside.contains(0.75) && !inside.contains(0.8))
    let clipped = ConfidenceInterval(estimate: 0.9, halfWidth: 0.25, clippedTo: 0...1, confidence: 0.9)
    #expect(clipped.lower == 0.65 && clipped.upper == 1)
    let undefined = ConfidenceInterval(estimate: 0.9, halfWidth: .nan, clippedTo: -1...1, confidence: 0.9)
    #expect(undefined.lower.isNaN && undefined.upper.isNaN)
  }
}
