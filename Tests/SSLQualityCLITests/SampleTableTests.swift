// ssl-quality · SampleTableTests.swift — `score --ids --table --lowest`, checked against the JSON and numpy.

import Foundation
import Testing
import TestSupport

@testable import SSLQualityIO

@Suite("score per-sample table")
struct SampleTableTests {
  let demo = ["fixtures/demo/test.npy", "--labels", "fixtures/demo/test_labels.npy",
              "--predictions", "fixtures/demo/test_predictions.npy", "--probabilities", "fixtures/demo/test_probabilities.npy"]

  /// Ids like image paths, one with a comma to exercise CSV quoting.
  func writeIDs(_ scratch: ScratchDirectory, count: Int = 2000) throws -> String {
    let ids = (0..<count).map { $0 == 3 ? "test/img,3.png" : String(format: "test/img_%04d.png", $0) }
    return try scratch.write("ids.txt", Array((ids.joined(separator: "\n") + "\n").utf8))
  }

  @Test("--table has the documented columns; its values agree with the JSON and the numpy reference") func tableAgrees() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let ids = try writeIDs(scratch)
    let object = try CLI.json(["score"] + demo + ["--ids", ids, "--table", scratch.file("t.csv"), "--lowest", "7"])
    let table = try CSVTable(parsing: String(contentsOfFile: scratch.file("t.csv"), encoding: .utf8), name: "t.csv")
    #expect(table.header == ["id", "label", "prediction", "correct", "q", "qz", "msp", "l1", "max_z", "active", "active_in_dset"])
    #expect(table.records.count == 2000)
    func column(_ name: String) -> [String] {
      let k = table.header.firstIndex(of: name)!
      return table.records.map { $0.fields[k] }
    }
    #expect(column("id")[3] == "test/img,3.png" && column("id")[1999] == "test/img_1999.png")
    let q = column("q").compactMap(Double.init), qz = column("qz").compactMap(Double.init)
    let correct = column("correct").map { $0 == "true" }, inDset = column("active_in_dset").compactMap(Int.init)
    let active = column("active").compactMap(Int.init)
    #expect(q.count == 2000 && qz.count == 2000 && inDset.count == 2000 && active.count == 2000)
    // Against the JSON of the same run.
    #expect(q.count { $0 == 0 } == object["empty_count"] as? Int)
    let stats = try #require(object["q"] as? [String: Double])
    #expect(abs(q.reduce(0, +) / 2000 - stats["mean"]!) < 1e-12)
    #expect(abs(q.max()! - stats["max"]!) < 1e-12)
    let mis = try #require(object["misclassification"] as? [String: Any])
    #expect(Double(correct.count { $0 }) / 2000 == mis["accuracy"] as? Double)
    #expect(zip(q, inDset).allSatisfy { ($0 == 0) == ($1 == 0) })
    #expect(zip(active, inDset).allSatisfy { $0 >= $1 })
    #expect(zip(column("label"), zip(column("prediction"), correct)).allSatisfy { ($0 == $1.0) == $1.1 })
    // The --lowest rows are the table's rows with the smallest q, ties by the lower max_z,
    // then in row order.
    let lowest = try #require(object["lowest"] as? [[String: Any]])
    let maxZ = column("max_z").compactMap(Double.init)
    let order = q.indices.sorted { q[$0] != q[$1] ? q[$0] < q[$1] : maxZ[$0] != maxZ[$1] ? maxZ[$0] < maxZ[$1] : $0 < $1 }.prefix(7)
    #expect(lowest.map { $0["index"] as? Int } == order.map { $0 })
    for row in lowest {
      let i = try #require(row["index"] as? Int)
      #expect(row["id"] as? String == column("id")[i] && row["q"] as? Double == q[i])
      #expect(abs((row["max_z"] as? Double ?? .nan) - maxZ[i]) <= 1e-12 * max(1, abs(maxZ[i])))
      #expect(row["active_in_dset"] as? Int == inDset[i] && row["correct"] as? Bool == correct[i])
    }
    // Against numpy (fixtures/score/expected.json, demo_test_eps4).
    let all = try #require(try JSONSerialization.jsonObject(with: Fixtures.data("score/expected.json")) as? [String: [String: Any]])
    let reference = try #require(all["demo_test_eps4"])
    for (name, got) in [("q_none", q), ("q_zscore", qz), ("l1", column("l1").compactMap(Double.init)), ("max_z", column("max_z").compactMap(Double.init))] {
      let want = (reference[name] as? [String] ?? []).compactMap(Double.init)
      #expect(want.count == 2000 && got.count == 2000, "\(name)")
      #expect(zip(got, want).allSatisfy { abs($0 - $1) <= 1e-5 * max(1, abs($1)) }, "\(name)")
    }
  }

  @Test("--lowest prints the lowest-Q samples by id") func lowestText() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let ids = try writeIDs(scratch)
    let result = try CLI.run(["score"] + demo + ["--ids", ids, "--lowest", "3"])
    #expect(result.status == 0)
    #expect(result.stdout.contains("lowest Q: 3 of 2000 samples (1795 tie at Q = 0); equal Q ordered by the lower max_z, then row"), "\(result.stdout)")
    #expect(result.stdout.contains("test/img_1140.png  3  3  0  2.09674  0  0"), "\(result.stdout)")
  }

  @Test("without --ids the id is the row index; without labels the outcome cells are empty") func defaults() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    #expect(try CLI.run(["score", "fixtures/demo/test.npy", "--table", scratch.file("t.csv")]).status == 0)
    let lines = try String(contentsOfFile: scratch.file("t.csv"), encoding: .utf8).split(separator: "\n")
    #expect(lines[1].hasPrefix("0,,,,0.0,0.0,,"))
    #expect(lines.count == 2001)
  }

  @Test("an ids file of the wrong length or with an empty line exits 2 and writes nothing") func badIDs() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let short = try writeIDs(scratch, count: 1999)
    let result = try CLI.run(["score", "fixtures/demo/test.npy", "--ids", short, "--table", scratch.file("t.csv")])
    #expect(result.status == 2)
    #expect(result.stderr.contains("ids.txt: has 1999 ids but fixtures/demo/test.npy has 2000 rows"))
    let gap = try scratch.write("gap.txt", Array("a\n\nb\n".utf8))
    let second = try CLI.run(["probe", "--train", "fixtures/demo/train.npy", "--train-labels", "fixtures/demo/train_labels.npy",
                              "--test", "fixtures/demo/test.npy", "--test-labels", "fixtures/demo/test_labels.npy", "--ids", gap])
    #expect(second.status == 2 && second.stderr.contains("gap.txt: line 2 is empty"))
    #expect(scratch.contents() == ["gap.txt", "ids.txt"])
  }

  @Test("probe --predictions-out .csv joins ids, labels and predictions") func probeCSV() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let ids = try (0..<597).map { "digit_\($0)" }.joined(separator: "\n")
    let idsFile = try scratch.write("ids.txt", Array(ids.utf8))
    let object = try CLI.json([
      "probe", "--train", "fixtures/probe/digits_train.npy", "--train-labels", "fixtures/probe/digits_train_labels.npy",
      "--test", "fixtures/probe/digits_test.npy", "--test-labels", "fixtures/probe/digits_test_labels.npy",
      "--ids", idsFile, "--predictions-out", scratch.file("p.csv"),
    ])
    let table = try CSVTable(parsing: String(contentsOfFile: scratch.file("p.csv"), encoding: .utf8), name: "p.csv")
    #expect(table.header == ["id", "label", "prediction", "correct"])
    #expect(table.records.count == 597 && table.records[5].fields[0] == "digit_5")
    let accuracy = Double(table.records.count { $0.fields[3] == "true" }) / 597
    #expect(accuracy == object["accuracy"] as? Double)
  }
}
