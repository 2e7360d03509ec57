// ssl-quality · ListFileTests.swift — list files with CRLF line ends and a byte-order mark are read like
// any other; an image-named directory among masks is named as what it is.

import Foundation
import Testing
import TestSupport

@Suite("hostile inputs: list files and mask directories")
struct ListFileTests {
  /// `lines` written with `ending` and, when `bom`, a leading UTF-8 byte-order mark.
  static func list(_ lines: [String], ending: String, bom: Bool, in scratch: ScratchDirectory, name: String) throws -> String {
    try scratch.write(name, (bom ? [0xEF, 0xBB, 0xBF] : []) + Array(lines.map { $0 + ending }.joined().utf8))
  }

  /// A `--json` document without its run time.
  static func untimed(_ json: String) -> String {
    json.replacingOccurrences(of: #""seconds":[^,}]*"#, with: "", options: .regularExpression)
  }

  @Test("--ids with CRLF line ends and a byte-order mark: the ids of the LF file", arguments: [("\r\n", false), ("\r\n", true), ("\n", true)])
  func ids(_ ending: String, _ bom: Bool) throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let ids = (0..<40).map { "img_\($0).jpeg" }
    let plain = try Self.list(ids, ending: "\n", bom: false, in: scratch, name: "plain.txt")
    let odd = try Self.list(ids, ending: ending, bom: bom, in: scratch, name: "odd.txt")
    let small = Fixtures.path("hostile/small.npy")
    let want = try CLI.run(["score", small, "--ids", plain, "--lowest", "5", "--json"])
    let got = try CLI.run(["score", small, "--ids", odd, "--lowest", "5", "--json"])
    #expect(got.status == 0, "\(got.stderr)")
    #expect(Self.untimed(got.stdout) == Self.untimed(want.stdout))
    #expect(got.stdout.contains("\"img_"))
  }

  @Test("--images with CRLF line ends and a byte-order mark reads the same images")
  func images() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let lines = try String(contentsOfFile: Fixtures.path("interpret/plain_images.txt"), encoding: .utf8).split(separator: "\n").map(String.init)
    let odd = try Self.list(lines, ending: "\r\n", bom: true, in: scratch, name: "images.txt")
    let base = ["interpret", "--heatmaps", "fixtures/interpret/plain/heatmaps", "--core-masks", "fixtures/interpret/plain/core", "--json"]
    let want = try CLI.run(base + ["--images", "fixtures/interpret/plain_images.txt"])
    let got = try CLI.run(base + ["--images", odd])
    #expect(got.status == 0, "\(got.stderr)")
    #expect(Self.untimed(got.stdout) == Self.untimed(want.stdout))
    #expect(got.stdout.contains("\"images\":5"))
  }

  @Test("a mask directory entry b.png that is a directory is named as one, not 'no core mask'")
  func maskDirectory() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let core = scratch.file("core")
    try FileManager.default.copyItem(atPath: Fixtures.path("interpret/plain/core"), toPath: core)
    try FileManager.default.removeItem(atPath: core + "/img_b.png")
    try FileManager.default.createDirectory(atPath: core + "/img_b.png", withIntermediateDirectories: false)
    let run = try CLI.run([
      "interpret", "--heatmaps", "fixtures/interpret/plain/heatmaps", "--images", "fixtures/interpret/plain_images.txt", "--core-masks", core,
    ])
    #expect(run.status == 2)
    #expect(run.stderr == "ssl-quality: \(core)/img_b.png: is a directory, not a file\n")
    #expect(run.stdout.isEmpty)
  }
}
