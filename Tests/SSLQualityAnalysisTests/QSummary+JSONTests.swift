// ssl-quality · QSummary+JSONTests.swift — a Q-Score summary's two key orders, and null for undefined numbers.

import Foundation
import SSLQuality
import SSLQualityAnalysis
import Testing

@Suite struct QSummaryJSONTests {
  let summary = QSummary(mean: 1, std: 0.5, min: 0, median: 1, max: .nan)

  @Test("on its own (score's q) in the documented order, NaN as null and read back as NaN")
  func documentedOrder() throws {
    #expect(try ResultJSON.text(summary) == #"{"mean":1,"std":0.5,"min":0,"median":1,"max":null}"#)
    try expectRoundTrip(summary)
  }

  @Test("in a calibration row, sorted like every key of calibrate; absent values left out")
  func sortedInCalibrationRow() throws {
    let row = CalibrationRow(
      epsilon: 2, discriminativeCount: 3, thresholds: nil, emptyCount: 0, emptyShare: 0, q: summary, misclassification: nil)
    let text = #"{"discriminative_count":3,"empty_count":0,"empty_share":0,"epsilon":2,"q":{"max":null,"mean":1,"median":1,"min":0,"std":0.5}}"#
    #expect(try ResultJSON.text(row) == text)
    try expectRoundTrip(row)
  }
}
