// ssl-quality · NonFiniteRuleTests.swift — one NaN/Inf rule in every command: such rows are left out with a
// warning (of all paired files at once), or refused under --strict; an overflowing objective is refused.

import Foundation
import SSLQuality
import SSLQualityIO
import Testing
import TestSupport

@Suite("hostile inputs: one NaN/Inf rule")
struct NonFiniteRuleTests {
  static let warning = "ssl-quality: warning: $F/small_nan.npy: 4 rows hold NaN or Inf (first: 3, 7, 12, 30); they are left out\n"
  static let refusal = "ssl-quality: $F/small_nan.npy: 4 rows hold NaN or Inf (first: 3, 7, 12, 30); --strict rejects them\n"
  static let nan = "$F/small_nan.npy", small = "$F/small.npy", labels = "$F/small_labels.npy"

  /// Each command that used to use or ignore such rows: warned without `--strict`, refused with it.
  static let commands: [(String, [String])] = [
    ("spectrum --views", ["spectrum", small, "--views", nan, small]),
    ("calibrate", ["calibrate", nan]),
    ("calibrate with labels and predictions", ["calibrate", nan, "--labels", labels, "--predictions", "$F/predictions.npy"]),
    ("compare", ["compare", small, nan]),
    ("objective ntxent", ["objective", "ntxent", nan, small]),
    ("objective vicreg", ["objective", "vicreg", small, nan]),
  ]

  static let cases: [HostileCase] = commands.flatMap { name, arguments in
    [
      HostileCase(name: "\(name): left out with a warning", arguments: arguments + ["--json"], status: 0, message: warning),
      HostileCase(name: "\(name) --strict: refused", arguments: arguments + ["--strict", "--json-out", "$S/r.json"], message: refusal, absent: ["$S/r.json"]),
    ]
  }

  @Test("warned, or refused with --strict", arguments: cases)
  func rule(_ hostile: HostileCase) throws {
    try hostile.run()
  }

  /// Rows `rows` of a stored matrix.
  static func rows(_ path: String, removing removed: NonFiniteRows) throws -> Matrix {
    removed.removing(from: try ArrayFile.matrix(path).load(context: .serial))
  }

  /// The paired fixtures (`small_nan.npy` and `small.npy`), the rows holding NaN or ±∞ in
  /// the first, and both without those rows written to `a.npy` and `b.npy` in `scratch`.
  static func cleanPair(in scratch: ScratchDirectory) throws -> (nan: String, small: String, bad: NonFiniteRows) {
    let nan = Fixtures.path("hostile/small_nan.npy"), small = Fixtures.path("hostile/small.npy")
    let bad = NonFiniteRows(try ArrayFile.matrix(nan).load(context: .serial))
    try NPYWriter.write(try rows(nan, removing: bad), to: scratch.file("a.npy"))
    try NPYWriter.write(try rows(small, removing: bad), to: scratch.file("b.npy"))
    return (nan, small, bad)
  }

  @Test("spectrum --views leaves a row out of both views: the same agreement as on the views without it")
  func viewsPaired() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let (nan, small, bad) = try Self.cleanPair(in: scratch)
    #expect(bad.indices == [3, 7, 12, 30])
    let left = try CLI.json(["spectrum", small, "--views", nan, small])["views"] as? [String: Double]
    let clean = try CLI.json(["spectrum", small, "--views", scratch.file("a.npy"), scratch.file("b.npy")])["views"] as? [String: Double]
    #expect(left != nil && left == clean)
    #expect(left?.values.allSatisfy(\.isFinite) == true)
  }

  @Test("compare leaves a row out of every representation: the same table as without it")
  func comparePaired() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let (nan, small, _) = try Self.cleanPair(in: scratch)
    let left = try CLI.json(["compare", small, nan, "--names", "s,n"])["rows"] as? [[String: Any]]
    let clean = try CLI.json(["compare", scratch.file("b.npy"), scratch.file("a.npy"), "--names", "s,n"])["rows"] as? [[String: Any]]
    let keys = ["samples", "rankme", "q_mean", "empty_share"]
    #expect(left?.map { row in keys.map { "\(row[$0] ?? "-")" } } == clean?.map { row in keys.map { "\(row[$0] ?? "-")" } })
    #expect(left?.first?["samples"] as? Int == 36)
  }

  @Test("objective: the gradient of a left-out row is zero and the others are those of the clean batch")
  func objectiveGradient() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let (nan, small, bad) = try Self.cleanPair(in: scratch)
    let full = try CLI.run(["objective", "ntxent", nan, small, "--gradient-out", scratch.file("full"), "--json"])
    let clean = try CLI.run(["objective", "ntxent", scratch.file("a.npy"), scratch.file("b.npy"), "--gradient-out", scratch.file("clean"), "--json"])
    #expect(full.status == 0 && clean.status == 0, "\(full.stderr) \(clean.stderr)")
    let value = { (text: String) in (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])?["value"] as? Double }
    #expect(value(full.stdout) != nil && value(full.stdout) == value(clean.stdout))
    for k in 0..<2 {
      let gradient = try ArrayFile.open(scratch.file("full/grad_\(k).npy")).doubles()
      let expected = try ArrayFile.open(scratch.file("clean/grad_\(k).npy")).doubles()
      #expect(gradient.count == 40 * 8)
      let kept = bad.kept.flatMap { row in gradient[(row * 8)..<(row * 8 + 8)] }
      #expect(kept == expected)
      #expect(bad.indices.allSatisfy { row in gradient[(row * 8)..<(row * 8 + 8)].allSatisfy { $0 == 0 } })
    }
  }

  @Test("objective swav on finite scores near 1e30: exit 2 with a plain message, not NaN with exit 0")
  func objectiveOverflow() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let scores: [Float] = (0..<12).map { 1e30 * Float($0 % 5 + 1) * ($0 % 2 == 0 ? 1 : -1) }
    try NPYWriter.write(scores, shape: [4, 3], to: scratch.file("s.npy"))
    try NPYWriter.write(scores.reversed(), shape: [4, 3], to: scratch.file("t.npy"))
    let run = try CLI.run(["objective", "swav", scratch.file("s.npy"), scratch.file("t.npy"), "--json"])
    #expect(run.status == 2)
    #expect(run.stdout.isEmpty)
    #expect(run.stderr.hasPrefix("ssl-quality: \(scratch.file("s.npy")), \(scratch.file("t.npy")): swav is not finite on these inputs in float64"))
  }
}
