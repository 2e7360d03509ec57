// ssl-quality · OutputSetCoverageTests.swift — files that were written outside the all-or-nothing set.

import Foundation
import Testing
import TestSupport

@Suite("hostile inputs: every output in the set")
struct OutputSetCoverageTests {
  static let finetune = ["finetune", "--views", "fixtures/finetune/view0.npy", "fixtures/finetune/view1.npy", "--epochs", "2", "--batch-size", "64"]

  static let cases: [HostileCase] = [
    HostileCase(
      name: "score --table naming a directory writes no --scores-out either",
      arguments: ["score", "$F/small.npy", "--scores-out", "$S/ok.npy", "--table", "$S/directory.npy"],
      message: "ssl-quality: $S/directory.npy: --table names a directory; give a file path\n", absent: ["$S/ok.npy"]),
    HostileCase(
      name: "score --table into a missing folder is refused before any work",
      arguments: ["score", "$F/small.npy", "--scores-out", "$S/ok.npy", "--table", "$S/missing/t.csv"],
      message: "ssl-quality: $S/missing/t.csv: cannot write --table: the directory $S/missing does not exist\n", absent: ["$S/ok.npy"]),
    HostileCase(
      name: "finetune --json-out into a missing folder creates no --out folder",
      arguments: finetune + ["--out", "$S/run", "--json-out", "$S/missing/f.json"],
      message: "ssl-quality: $S/missing/f.json: cannot write --json-out: the directory $S/missing does not exist\n", absent: ["$S/run"]),
    HostileCase(
      name: "finetune --log into a missing folder creates no --out folder",
      arguments: finetune + ["--out", "$S/run", "--log", "$S/missing/log.jsonl"],
      message: "ssl-quality: $S/missing/log.jsonl: cannot write --log: the directory $S/missing does not exist\n", absent: ["$S/run"]),
    HostileCase(
      name: "finetune --out naming a file", arguments: finetune + ["--out", "$F/small.npy"],
      message: "ssl-quality: $F/small.npy: --out names a regular file, not a folder\n"),
    HostileCase(
      name: "finetune --out under a file", arguments: finetune + ["--out", "$F/small.npy/run"],
      message: "ssl-quality: $F/small.npy/run: cannot use the --out folder: a component of the path is not a directory\n"),
    HostileCase(
      name: "finetune with a bad view removes the --out folders it created",
      arguments: ["finetune", "--views", "$F/small.npy", "$F/small_nan.npy", "--out", "$S/new/run", "--control"],
      message: "ssl-quality: $F/small_nan.npy: …", absent: ["$S/new"]),
    HostileCase(
      name: "objective --gradient-out with a wrong input count removes the folder it created",
      arguments: ["objective", "ntxent", "$F/small.npy", "--gradient-out", "$S/gradients"],
      message: "ssl-quality: ntxent needs …", absent: ["$S/gradients"]),
  ]

  @Test("refused, nothing written", arguments: cases)
  func refused(_ hostile: HostileCase) throws {
    try hostile.run()
  }

  @Test("finetune --json-out holds the document --json prints and the folder's finetune.json")
  func finetuneJSONOut() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let run = try CLI.run(Self.finetune + ["--out", scratch.file("run"), "--json-out", scratch.file("f.json"), "--json"])
    #expect(run.status == 0, "\(run.stderr)")
    let written = try String(contentsOfFile: scratch.file("f.json"), encoding: .utf8)
    #expect(written == run.stdout)
    #expect(written == (try String(contentsOfFile: scratch.file("run/finetune.json"), encoding: .utf8)))
  }
}
