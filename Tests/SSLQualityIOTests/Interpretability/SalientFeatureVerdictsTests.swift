// ssl-quality · SalientFeatureVerdictsTests.swift — the core/spurious rule and malformed crowd-sourcing rows.

import Testing
import TestSupport

@testable import SSLQuality
@testable import SSLQualityIO

@Suite("Salient ImageNet verdicts")
struct SalientFeatureVerdictsTests {
  static let header = "WorkerId,Input.wordnet_id,Input.class_index,Input.feature_index,Input.feature_rank,Answer.main,Answer.confidence,Answer.reasons\n"

  /// A CSV with `answers` (m, b, s) for each feature of class 0 (n01440764).
  static func csv(_ features: [Int: String]) -> String {
    var text = header
    for (feature, answers) in features.sorted(by: { $0.key < $1.key }) {
      for (worker, answer) in answers.enumerated() {
        let word = ["m": "main_object", "b": "background", "s": "separate_object"][String(answer)] ?? "?"
        text += "\(worker),n01440764,0,\(feature),1,\(word),4.0,\"because, well\"\n"
      }
    }
    return text
  }

  static func verdicts(_ text: String) throws -> SalientFeatureVerdicts {
    try SalientFeatureVerdicts(CSVTable(parsing: text, name: "mturk.csv"))
  }

  static func kind(_ verdicts: SalientFeatureVerdicts, _ feature: Int) -> MaskKind? {
    verdicts.verdicts[.init(wnid: "n01440764", featureIndex: feature)]?.kind
  }

  @Test("at least 3 background/separate_object answers make a feature spurious, however many answers there are")
  func rule() throws {
    let v = try Self.verdicts(
      Self.csv([1: "bbbmm", 2: "bsmmm", 3: "sssss", 4: "bbbmmm", 5: "bb", 6: "bbb", 7: "mmmm", 8: "bbmm", 9: "bssmmmmm"]))
    #expect(Self.kind(v, 1) == .spurious)  // exactly 3 of 5
    #expect(Self.kind(v, 2) == .core)  // 2 of 5
    #expect(Self.kind(v, 3) == .spurious)
    #expect(Self.kind(v, 4) == .spurious)  // a 3–3 tie
    #expect(Self.kind(v, 5) == .core)  // fewer than 5 answers, fewer than 3 spurious
    #expect(Self.kind(v, 6) == .spurious)  // fewer than 5 answers, 3 spurious
    #expect(Self.kind(v, 7) == .core)
    #expect(Self.kind(v, 8) == .core)  // 2 of 4
    #expect(Self.kind(v, 9) == .spurious)  // 3 of 8
    #expect(v.verdicts[.init(wnid: "n01440764", featureIndex: 4)]?.answers == 6)
  }

  @Test("the committed fixture's verdicts match the Python reference")
  func fixture() throws {
    let v = try SalientFeatureVerdicts(contentsOf: Fixtures.path("interpret/mturk.csv"))
    let want = try #require(Fixtures.object("interpret/expected.json")["verdicts"] as? [String: String])
    #expect(v.verdicts.count == want.count)
    for (key, verdict) in v.verdicts {
      #expect(want["\(key.wnid):\(key.featureIndex)"] == verdict.kind.rawValue)
    }
  }

  @Test("malformed rows are reported with file and line")
  func malformed() {
    let good = "1,n01440764,0,5,1,main_object,4.0,ok\n"
    let cases: [(String, String)] = [
      ("1,n01440764,zero,5,1,main_object,4.0,ok\n", "line 2: Input.class_index is 'zero', expected a non-negative integer"),
      ("1,n01440764,0,-5,1,main_object,4.0,ok\n", "line 2: Input.feature_index is '-5', expected a non-negative integer"),
      ("1,dog,0,5,1,main_object,4.0,ok\n", "line 2: Input.wordnet_id is 'dog', expected a WordNet id like n01440764"),
      ("1,n01440764,0,5,1,maybe,4.0,ok\n", "line 2: Answer.main is 'maybe', expected main_object, background or separate_object"),
      ("1,n01440764,0,5\n", "line 2: expected 8 fields, found 4"),
      (good + "2,n01443537,0,6,1,main_object,4.0,ok\n", "line 3: class 0 is n01443537 here but n01440764 on line 2"),
    ]
    for (rows, problem) in cases {
      #expect(throws: InputError("mturk.csv", problem)) { try Self.verdicts(Self.header + rows) }
    }
    #expect(throws: InputError("mturk.csv", "line 1: missing column Answer.main")) {
      try Self.verdicts("Input.wordnet_id,Input.class_index,Input.feature_index\nn01440764,0,1\n")
    }
  }
}
