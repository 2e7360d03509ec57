// ssl-quality · ArchiveBombTests.swift — a 4 MB .npz member inflating to 4 GiB is refused from its first
// inflated bytes by every command that reads a matrix, with almost nothing written; `inspect` describes it
// from the same bytes.

import Foundation
import Testing
import TestSupport

@Suite("hostile inputs: the 4 GiB deflate bomb")
struct ArchiveBombTests {
  static let commands: [[String]] = [
    ["spectrum", "@"],
    ["adapt", "fixtures/finetune/adapter.safetensors", "@", "--embeddings-out", "$S/adapted.npy"],
    ["score", "@"],
    ["report", "@", "--html", "$S/report.html"],
    ["score", "$F/small.npy", "--labels", "@", "--predictions", "$F/predictions.npy"],
  ]

  /// The child runs under `ulimit -f 51200` (50 MB per file, in 1 kB blocks) with TMPDIR in
  /// the scratch directory: extracting more would kill it with SIGXFSZ (exit 153).
  @Test("refused from its header, in seconds, writing under 50 MB", arguments: commands)
  func refused(_ template: [String]) throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let bomb = try Self.bomb(in: scratch)
    let arguments = template.map {
      $0 == "@" ? bomb : $0.replacingOccurrences(of: "$S", with: scratch.path).replacingOccurrences(of: "$F", with: Fixtures.path("hostile"))
    }
    let (run, seconds) = try Self.limitedRun(arguments, scratch: scratch)
    let problem = template.contains("--labels")
      ? "has \(DeflateBomb.elements) labels but \(Fixtures.path("hostile"))/small.npy has 40 rows"
      : "expected a 2-D float array, found float32 shape (\(DeflateBomb.elements),)"
    #expect(run.status == 2, "exit \(run.status): \(run.stderr)")
    #expect(run.stderr == "ssl-quality: \(bomb):x: \(problem)\n")
    #expect(run.stdout.isEmpty)
    #expect(run.peakKB < 100 * 1024, "peak RSS \(run.peakKB / 1024) MB")
    #expect(seconds < 5, "took \(seconds) s")
  }

  /// `inspect` lists what the member's header says without inflating the rest, named by
  /// the archive alone or with its key.
  @Test("inspect describes it from its header, in seconds, writing under 50 MB", arguments: ["", ":x"])
  func described(_ key: String) throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let bomb = try Self.bomb(in: scratch)
    let (run, seconds) = try Self.limitedRun(["inspect", bomb + key, "--json"], scratch: scratch)
    #expect(run.status == 0, "exit \(run.status): \(run.stderr)")
    #expect(run.stdout.contains(#""path":"\#(bomb):x","format":"npz","dtype":"<f4","shape":[\#(DeflateBomb.elements)]"#), "\(run.stdout)")
    #expect(run.peakKB < 100 * 1024, "peak RSS \(run.peakKB / 1024) MB")
    #expect(seconds < 5, "took \(seconds) s")
  }

  private static func bomb(in scratch: ScratchDirectory) throws -> String {
    let bomb = scratch.file("bomb.npz")
    try DeflateBomb.write(to: bomb)
    try FileManager.default.createDirectory(atPath: scratch.file("tmp"), withIntermediateDirectories: false)
    return bomb
  }

  private static func limitedRun(_ arguments: [String], scratch: ScratchDirectory) throws -> (MeasuredRun, seconds: Double) {
    let started = Date()
    let run = try MeasuredRun(
      "/bin/sh", ["-c", "ulimit -f 51200 && exec \"$0\" \"$@\"", CLI.executable] + arguments, directory: Fixtures.root.path,
      environment: ["TMPDIR": scratch.file("tmp")], killAfter: 20)
    return (run, Date().timeIntervalSince(started))
  }
}
