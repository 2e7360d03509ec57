// ssl-quality · FolderLockTests.swift — one run per output folder.

import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
  import Glibc
#endif

@Suite("hostile inputs: one run per output folder", .serialized)
struct FolderLockTests {
  static let views = ["--views", "fixtures/finetune/view0.npy", "fixtures/finetune/view1.npy"]

  /// Every command that writes a folder, with its folder flag last (the folder follows).
  static let commands: [[String]] = [
    ["finetune"] + views + ["--epochs", "1", "--batch-size", "64", "--out"],
    [
      "compress", "--train", "fixtures/hostile/small.npy", "--train-labels", "fixtures/hostile/small_labels.npy", "--test", "fixtures/hostile/small.npy",
      "--test-labels", "fixtures/hostile/small_labels.npy", "--keep", "0.5", "--out",
    ],
    ["objective", "ntxent", "fixtures/hostile/small.npy", "fixtures/hostile/small.npy", "--gradient-out"],
  ]

  @Test("while another process holds the folder's lock, a run into it exits 2 and writes nothing; once released it runs", arguments: commands)
  func heldLock(arguments: [String]) throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let folder = scratch.file("out")
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
    let descriptor = open(folder, O_RDONLY | O_DIRECTORY)
    #expect(flock(descriptor, LOCK_EX | LOCK_NB) == 0)
    let refused = try CLI.run(arguments + [folder])
    #expect(refused.status == 2)
    #expect(
      refused.stderr
        == "ssl-quality: \(folder): another ssl-quality run is writing into this folder (\(arguments[arguments.count - 1])); wait for it to end or choose another folder\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    close(descriptor)
    let second = try CLI.run(arguments + [folder])
    #expect(second.status == 0, "\(second.stderr)")
    #expect(try !FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
  }

  @Test("two finetune runs into one --out: the second exits 2 and adds nothing to the first's folder")
  func twoFinetuneRuns() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let out = scratch.file("run")
    let first = try CLI.start(["finetune"] + Self.views + ["--epochs", "400", "--batch-size", "64", "--threads", "1", "--out", out], stderr: .discard)
    while first.isRunning && !FileManager.default.fileExists(atPath: out + "/checkpoint.safetensors") { usleep(1_000) }
    let second = try CLI.run(["finetune"] + Self.views + ["--epochs", "1", "--batch-size", "64", "--out", out, "--control"])
    let during = try FileManager.default.contentsOfDirectory(atPath: out)
    first.send(SIGTERM)
    #expect(try first.wait() == .signalled(SIGTERM), "the first run ended before the second started")
    #expect(second.status == 2)
    #expect(second.stderr.contains("another ssl-quality run is writing into this folder (--out)"), "\(second.stderr)")
    #expect(!during.contains("control") && !during.contains("finetune.json"), "\(during)")
  }
}
