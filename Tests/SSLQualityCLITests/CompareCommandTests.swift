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
    #expect(labelFree == [
      "features", "rankme_share", "rankme_centered_share", "alpha", "effective_rank_share", "collapse_std_scaled", "discriminative_count", "q_mean",
      "empty_share",
    ])
    for key in labelFree where key != "features" {
      let a = try #require(rows[0][key] as? Double), b = try #require(rows[1][key] as? Double)
      #expect(abs(a - b) >= 0.02 * max(abs(a), abs(b)), "\(key): \(a) vs \(b) do not separate")
    }
    // The trained encoder is the less collapsed, higher-rank one; only ranked columns carry a best mark.
    let best = Dictionary(uniqueKeysWithValues: columns.compactMap { c in (c["key"] as? String).map { ($0, c["best"] as? [Int] ?? []) } })
    #expect(best["rankme_share"] == [0] && best["effective_rank_share"] == [0] && best["collapse_std_scaled"] == [0])
    for unranked in ["features", "alpha", "discriminative_count", "q_mean", "empty_share"] { #expect(best[unranked] == [], "\(unranked) is ranked") }
  }

  @Test("across widths: spectral columns divided by their ideal value for D, raw values kept, unranked columns unmarked, every warning carried")
  func acrossWidths() throws {
    let run = try CLI.run([
      "compare", "fixtures/demo/test.npy", "fixtures/random/test.npy", "fixtures/widths/random128.npy", "fixtures/widths/wide512.npy",
      "--names", "simclr,random,random128,wide512", "--json",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let rows = try #require(object["rows"] as? [[String: Any]])
    #expect(rows.map { $0["features"] as? Int } == [256, 256, 128, 512])
    for row in rows {
      let d = Double(try #require(row["features"] as? Int))
      let rankme = try #require(row["rankme"] as? Double), share = try #require(row["rankme_share"] as? Double)
      let std = try #require(row["collapse_std"] as? Double), scaled = try #require(row["collapse_std_scaled"] as? Double)
      let effective = try #require(row["effective_rank"] as? Double), effectiveShare = try #require(row["effective_rank_share"] as? Double)
      #expect(abs(share - rankme / d) <= 1e-12 && abs(effectiveShare - effective / d) <= 1e-12 && abs(scaled - std * d.squareRoot()) <= 1e-12)
      #expect(scaled <= 1 && share <= 1)
    }
    // ReLU noise has the lowest Q = 0 share, which is why that share is not ranked.
    let shares = rows.compactMap { $0["empty_share"] as? Double }
    #expect(shares.firstIndex(of: shares.min() ?? 0) != 0)
    let columns = try #require(object["columns"] as? [[String: Any]])
    let ranked = columns.filter { ($0["best"] as? [Int])?.isEmpty == false }.compactMap { $0["key"] as? String }
    #expect(ranked == ["rankme_share", "rankme_centered_share", "effective_rank_share", "collapse_std_scaled"])
    // score's warnings of each representation, tiny_dset for the random encoder (|Dset| = 2).
    let codes = rows.map { ($0["warnings"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String } }
    #expect(codes[1].contains("tiny_dset") && !codes[0].contains("tiny_dset"))
    let score = try CLI.json(["score", "fixtures/random/test.npy"])
    let scoreCodes = (score["warnings"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
    #expect(codes[1] == scoreCodes)
    let text = try CLI.run(["compare", "fixtures/demo/test.npy", "fixtures/random/test.npy", "--names", "simclr,random"]).stdout
    #expect(text.contains("warning: random: only 2 discriminative features") && text.contains("to try (tiny_dset): "))
    #expect(text.contains("not ranked: D, α-ReQ, |Dset|, Q mean, Q = 0 share"))
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
    #expect(csv.hasPrefix("representation,features,rankme_share,") && csv.split(separator: "\n").count == 3)
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
