// ssl-quality · CompareCommandTests.swift — `compare` end to end: the trained encoder against a random one.

import Foundation
import Testing
import TestSupport

@Suite("compare command")
struct CompareCommandTests {
  static func table(_ arguments: [String]) throws -> [String: Any] { try CLI.json(["compare"] + arguments) }

  @Test("separates the SimCLR demo encoder from a random encoder of the same architecture on every label-free column")
  func separates() throws {
    let object = try Self.table(["fixtures/demo/test.npy", "fixtures/random/test.npy", "--names", "simclr,random"])
    let rows = try #require(object["rows"] as? [[String: Any]])
    let columns = try #require(object["columns"] as? [[String: Any]])
    #expect(rows.map { $0["name"] as? String } == ["simclr", "random"])
    let labelFree = columns.filter { $0["label_free"] as? Bool == true }.compactMap { $0["key"] as? String }
    #expect(labelFree == ["rankme", "rankme_centered", "alpha", "effective_rank", "collapse_std", "discriminative_count", "q_mean", "empty_share"])
    for key in labelFree {
      let a = try #require(rows[0][key] as? Double), b = try #require(rows[1][key] as? Double)
      #expect(abs(a - b) >= 0.02 * max(abs(a), abs(b)), "\(key): \(a) vs \(b) do not separate")
    }
    // The trained encoder is the less collapsed, higher-rank one; best marks follow the preferences.
    let best = Dictionary(uniqueKeysWithValues: columns.compactMap { c in (c["key"] as? String).map { ($0, c["best"] as? [Int] ?? []) } })
    #expect(best["rankme"] == [0] && best["effective_rank"] == [0] && best["collapse_std"] == [0] && best["empty_share"] == [0])
    #expect(best["discriminative_count"] == [])
  }

  @Test("labelled columns, CSV and the figure") func labelled() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let object = try Self.table([
      "fixtures/demo/test.npy", "fixtures/random/test.npy", "--train", "fixtures/demo/train.npy", "fixtures/random/train.npy",
      "--train-labels", "fixtures/demo/train_labels.npy", "--test-labels", "fixtures/demo/test_labels.npy", "--fractions", "0.5,1",
      "--csv", scratch.file("c.csv"), "--plot", scratch.file("c.svg"),
    ])
    let rows = try #require(object["rows"] as? [[String: Any]])
    for key in ["knn_accuracy", "probe_accuracy", "q_auroc", "q_auprc_correct", "compressible_fraction"] {
      #expect(rows.allSatisfy { $0[key] is Double }, "missing \(key)")
    }
    let simclr = try #require(rows[0]["probe_accuracy"] as? Double), random = try #require(rows[1]["probe_accuracy"] as? Double)
    #expect(abs(simclr - 0.865) < 0.01 && simclr > random)
    let csv = try String(contentsOfFile: scratch.file("c.csv"), encoding: .utf8)
    #expect(csv.hasPrefix("representation,rankme,") && csv.split(separator: "\n").count == 3)
    #expect(try String(contentsOfFile: scratch.file("c.svg"), encoding: .utf8).contains("<rect"))
  }

  @Test("the same table, bytes for bytes, at --threads 1 and 2") func threadCounts() throws {
    // Label-free columns: the spectra's Gram matrices and eigenvalues, Q-Score.
    let arguments = ["compare", "fixtures/demo/test.npy", "fixtures/random/test.npy", "--json"]
    let one = try CLI.run(arguments + ["--threads", "1"]), two = try CLI.run(arguments + ["--threads", "2"])
    #expect(one.status == 0, "\(one.stderr)")
    #expect(one.stdout == two.stdout)
  }

  @Test("--strict refuses a representation's NaN/Inf rows (exit 2, one line naming the file, nothing written); without it they are left out of every representation with a warning")
  func strict() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let arguments = ["compare", "fixtures/hostile/small.npy", "fixtures/hostile/small_nan.npy", "--csv", scratch.file("c.csv"), "--json-out", scratch.file("c.json")]
    let refused = try CLI.run(arguments + ["--strict"])
    #expect(refused.status == 2 && refused.stdout.isEmpty && scratch.contents().isEmpty)
    #expect(refused.stderr == "ssl-quality: fixtures/hostile/small_nan.npy: 4 rows hold NaN or Inf (first: 3, 7, 12, 30); --strict rejects them\n")
    let warned = try CLI.run(arguments + ["--json"])
    #expect(warned.status == 0)
    #expect(warned.stderr == "ssl-quality: warning: fixtures/hostile/small_nan.npy: 4 rows hold NaN or Inf (first: 3, 7, 12, 30); they are left out\n")
    let rows = (try JSONSerialization.jsonObject(with: Data(warned.stdout.utf8)) as? [String: Any])?["rows"] as? [[String: Any]]
    #expect(rows?.map { $0["samples"] as? Int } == [36, 36])
  }

  @Test("bad input: exit 2 naming the file, nothing written") func badInput() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let result = try CLI.run(["compare", "fixtures/demo/test.npy", "fixtures/demo/train.npy", "--csv", scratch.file("c.csv")])
    #expect(result.status == 2 && result.stderr.contains("fixtures/demo/train.npy") && scratch.contents().isEmpty)
    #expect(try CLI.run(["compare", "fixtures/demo/test.npy"]).status == 2)
    let partial = try CLI.run(["compare", "fixtures/demo/test.npy", "fixtures/random/test.npy", "--csv", scratch.file("p.csv"), "--plot", scratch.file("missing/p.svg")])
    #expect(partial.status == 2 && partial.stderr.contains("p.svg") && !FileManager.default.fileExists(atPath: scratch.file("p.csv")))
  }
}
