// ssl-quality · ResultJSONTests.swift — results as stable, one-line JSON.

import Foundation
import Testing

@testable import SSLQualityAnalysis

@Suite struct ResultJSONTests {
  struct Sample: Codable, Equatable {
    var zeta = 1
    var alpha = 0.5
    var missing = Double.nan
    var text = "q\"\n/"
    @NullWhenAbsent var absent: Int? = nil
  }

  @Test func sortsKeysAndWritesNonFiniteAndAbsentAsNull() throws {
    #expect(try ResultJSON.text(Sample()) == #"{"absent":null,"alpha":0.5,"missing":null,"text":"q\"\n/","zeta":1}"#)
  }

  @Test("key position prefixes and non-finite stand-ins are resolved; other text stays as it is")
  func finishedResolvesStandIns() {
    let encoded = #"{"0001\u0002a":"\u0001non-finite\u0001","0002\u0002b":["12\u0002","\u0001x",[]],"c":"0003"}"#
    #expect(ResultJSON.finished(Data(encoded.utf8)) == #"{"a":null,"b":["12\u0002","\u0001x",[]],"c":"0003"}"#)
  }

  @Test func absentValuesReadBack() throws {
    let sample = try ResultJSON.decode(Sample.self, from: Data(#"{"alpha":2,"missing":1,"text":"","zeta":3}"#.utf8))
    #expect(sample.absent == nil && sample.alpha == 2)
  }
}
