// ssl-quality · SilentlyWrongTests.swift — inputs that used to give a wrong answer without a word.

import Foundation
import SSLQualityIO
import Testing
import TestSupport

@Suite("hostile inputs: silently wrong")
struct SilentlyWrongTests {
  static let cases: [HostileCase] = [
    HostileCase(
      name: "inspect of an .npz with a flipped byte: CRC-32 mismatch", arguments: ["inspect", "--stats", "$F/crc_flipped.npz"],
      message: "ssl-quality: $F/crc_flipped.npz:x: CRC-32 mismatch (stored 0xa6177cf1, computed 0xb5fc475a): the archive member is corrupt\n"),
    HostileCase(
      name: "score of it, with --scores-out: refused, nothing written",
      arguments: ["score", "$F/crc_flipped.npz", "--scores-out", "$S/q.npy"],
      message: "ssl-quality: $F/crc_flipped.npz:x: CRC-32 mismatch (stored 0xa6177cf1, computed 0xb5fc475a): the archive member is corrupt\n",
      absent: ["$S/q.npy"]),
    HostileCase(
      name: "features of it", arguments: ["features", "$F/crc_flipped.npz:x"],
      message: "ssl-quality: $F/crc_flipped.npz:x: CRC-32 mismatch (stored 0xa6177cf1, computed 0xb5fc475a): the archive member is corrupt\n"),
  ]

  @Test("refused instead of used", arguments: cases)
  func run(_ hostile: HostileCase) throws {
    try hostile.run()
  }

  @Test("a Fortran-order [N, H, W] heatmap stack scores the same as its C-order copy")
  func fortranHeatmaps() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let fortran = "fixtures/interpret/salient_sharp_heatmaps.npy"
    let array = try ArrayFile.open(Fixtures.root.path + "/" + fortran)
    #expect(array.layout.fortranOrder)
    let cOrder = scratch.file("c.npy")
    try NPYWriter.write(array.floats(), shape: array.layout.shape, to: cOrder)
    let common = [
      "--images", "fixtures/interpret/salient_sharp_images.txt", "--salient-imagenet", "fixtures/interpret/salient_sharp",
      "--mturk", "fixtures/interpret/mturk_sharp.csv",
    ]
    let a = try CLI.json(["interpret", "--heatmaps", fortran] + common)
    let b = try CLI.json(["interpret", "--heatmaps", cOrder] + common)
    for key in ["core_iou", "spurious_iou", "core_share", "spurious_share"] { #expect(a[key] as? Double == b[key] as? Double, "\(key)") }
  }

  @Test("an interlaced PNG decodes to the pixels it encodes")
  func interlaced() throws {
    let png = try CLI.json(["inspect", "--stats", "fixtures/hostile/interlaced.png"])
    let npy = try CLI.json(["inspect", "--stats", "fixtures/hostile/interlaced_pixels.npy"])
    func stats(_ object: [String: Any]) -> [String: Any] {
      ((object["files"] as? [[String: Any]])?.first?["stats"] as? [String: Any]) ?? [:]
    }
    let mean = try #require(stats(png)["mean"] as? Double), want = try #require(stats(npy)["mean"] as? Double)
    #expect(abs(mean - want / 255) < 1e-6)
    #expect(stats(png)["constant_columns"] as? Int == stats(npy)["constant_columns"] as? Int)
  }
}
