// ssl-quality · IntervalJSONTests.swift — the one JSON shape of an interval: keys, nulls, text.

import Foundation
import SSLQuality
import SSLQualityAnalysis
import Testing

@Suite struct IntervalJSONTests {
  @Test func closedFormIntervalsWriteNullResamplesAndSeed() throws {
    let wilson = try #require(WilsonInterval(successes: 1730, trials: 2000))
    let json = IntervalJSON(wilson.interval, method: .wilson)
    let text = try ResultJSON.text(json)
    #expect(text.hasPrefix(#"{"lower":0.849"#) && text.hasSuffix(#","confidence":0.95,"method":"wilson","resamples":null,"seed":null}"#), "\(text)")
    #expect(json.text(Format.percent) == "95% CI 84.93%–87.93%, Wilson")
    try expectRoundTrip(json)
  }

  @Test func bootstrapIntervalsCarryResamplesAndSeed() throws {
    let json = IntervalJSON(ConfidenceInterval(lower: 0.25, upper: 0.5, confidence: 0.9), method: .stratifiedBootstrap, resamples: 200, seed: 7)
    #expect(
      try ResultJSON.text(json) == #"{"lower":0.25,"upper":0.5,"confidence":0.9,"method":"stratified_bootstrap","resamples":200,"seed":7}"#)
    try expectRoundTrip(json)
  }

  @Test func undefinedBoundsAreNullAndSaidSo() throws {
    let json = IntervalJSON(ConfidenceInterval(lower: .nan, upper: .nan, confidence: 0.95), method: .delong)
    #expect(try ResultJSON.text(json).hasPrefix(#"{"lower":null,"upper":null,"#))
    #expect(json.text(Format.number) == "95% CI undefined, DeLong")
  }
}
