// ssl-quality · WidthMemoryTests.swift — widths and headers that ask for more memory than the machine has are refused before any allocation.

import Testing
import TestSupport

@Suite("hostile inputs: memory asked for by widths and headers")
struct WidthMemoryTests {
  static let views = ["finetune", "--views", Fixtures.path("finetune/view0.npy"), Fixtures.path("finetune/view1.npy"), "--epochs", "1", "--batch-size", "64"]

  /// Each width flag at 10^9, with the objective that owns it.
  static let widths: [[String]] = [
    ["--hidden", "1000000000"], ["--head-hidden", "1000000000"], ["--head-output", "1000000000"],
    ["--objective", "swav", "--prototypes", "1000000000"], ["--objective", "moco", "--memory-bank-size", "1000000000"],
    ["--objective", "dino", "--head-bottleneck", "1000000000"],
  ]

  @Test("finetune with a width of 10^9 exits 2 saying how much memory it needs and the machine has", arguments: widths)
  func width(_ flags: [String]) throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let flag = flags[flags.count - 2]
    try expectRefusal(
      Self.views + flags + ["--out", scratch.file("out")], prefix: "\(flag) 1000000000: fine-tuning would need about ",
      naming: ["B of memory; this machine has "])
    #expect(scratch.contents().isEmpty, "left \(scratch.contents())")
  }

  @Test("objective qreg on a 128-byte header claiming shape (0, 2^28) exits 2 without allocating for the claim")
  func emptyWideHeader() throws {
    let path = Fixtures.path("hostile/empty_rows_wide.npy")
    try expectRefusal(["objective", "qreg", path], prefix: "\(path): expected a non-empty 2-D array, found float32 shape (0, 268435456)")
  }
}
