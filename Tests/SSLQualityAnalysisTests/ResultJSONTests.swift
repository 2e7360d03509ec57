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

    enum CodingKeys: String, OrderedCodingKey {
      case absent, alpha, missing, text, zeta
    }
  }

  @Test func ordersKeysAndWritesNonFiniteAndAbsentAsNull() throws {
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

  struct CamelCased: Codable, Equatable {
    struct Inner: Codable, Equatable {
      var meanColumnL1 = 0.25, qAuprcCorrect = Double.infinity

      enum CodingKeys: String, OrderedCodingKey {
        case meanColumnL1 = "mean_column_l1", qAuprcCorrect = "q_auprc_correct"
      }
    }
    var epochsCompleted = 2
    var inner = Inner()
    var lambda1 = 1e-4

    enum CodingKeys: String, OrderedCodingKey {
      case epochsCompleted = "epochs_completed", inner, lambda1
    }
  }

  @Test("keys come out as their declared names, in declaration order, nested ones too, and read back")
  func declaredKeys() throws {
    let text = try ResultJSON.text(CamelCased())
    #expect(text == #"{"epochs_completed":2,"inner":{"mean_column_l1":0.25,"q_auprc_correct":null},"lambda1":0.0001}"#)
    let read = try ResultJSON.decode(CamelCased.self, from: Data(#"{"epochs_completed":3,"inner":{"mean_column_l1":1,"q_auprc_correct":2},"lambda1":0}"#.utf8))
    #expect(read == CamelCased(epochsCompleted: 3, inner: .init(meanColumnL1: 1, qAuprcCorrect: 2), lambda1: 0))
  }

  struct Forgotten: Encodable {
    var inner = ["b": 1, "a": 2]
    var plain = 1
  }

  struct DictionaryHolder: Encodable {
    var values = ["b": 1, "a": 2]

    enum CodingKeys: String, OrderedCodingKey {
      case values
    }
  }

  @Test("a key without a documented order is an error; a dictionary's keys are data, sorted")
  func unorderedKeys() throws {
    #expect(throws: ResultJSON.UnorderedKey.self) { try ResultJSON.text(Forgotten()) }
    #expect(try ResultJSON.text(DictionaryHolder()) == #"{"values":{"a":2,"b":1}}"#)
  }
}
