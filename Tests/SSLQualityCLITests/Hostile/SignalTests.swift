// ssl-quality · SignalTests.swift — SIGINT, SIGTERM and SIGXFSZ leave no staged temporary behind.

import Foundation
import Testing
import TestSupport

@testable import SSLQualityIO

#if canImport(Glibc)
  import Glibc
#endif

@Suite("hostile inputs: signals", .serialized)
struct SignalTests {
  /// The temporary files (`.NAME.tmp-XXXXXX`) under `folder`.
  static func temporaries(_ folder: String) -> [String] {
    (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []).filter { $0.contains(".tmp-") }
  }

  /// Starts `arguments`, waits until `ready` holds (at most 60 s), sends `signal`, and
  /// returns how the run ended, with its stderr.
  static func interrupt(_ arguments: [String], with signal: Int32, when ready: () -> Bool) throws -> (ChildProcess.Termination, String) {
    let process = try CLI.start(arguments, stderr: .pipe)
    let deadline = Date().addingTimeInterval(60)
    while process.isRunning && !ready() && Date() < deadline { usleep(1_000) }
    process.send(signal)
    let (termination, _, stderr) = try process.collect()
    return (termination, String(decoding: stderr, as: UTF8.self))
  }

  @Test("adapt stopped while it streams its output removes the temporary file and says why", arguments: [SIGINT, SIGTERM])
  func adapt(signal: Int32) throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    // 100 000 × 16 rows, adapted one row at a time: seconds of streaming into the staged file.
    try NPYWriter.write((0..<1_600_000).map { Float($0 % 97) / 97 }, shape: [100_000, 16], to: scratch.file("big.npy"))
    let (termination, stderr) = try Self.interrupt(
      ["adapt", "fixtures/finetune/adapter.safetensors", scratch.file("big.npy"), "--embeddings-out", scratch.file("out.npy"), "--block-rows", "1", "--threads", "1"],
      with: signal
    ) { !Self.temporaries(scratch.path).isEmpty }
    #expect(termination == .signalled(signal), "the run was not stopped by the signal")
    #expect(stderr == (signal == SIGINT ? "ssl-quality: interrupted (SIGINT)" : "ssl-quality: terminated (SIGTERM)") + "; unfinished outputs removed\n")
    #expect(Self.temporaries(scratch.path).isEmpty)
    #expect(scratch.contents() == ["big.npy"])
  }

  @Test("finetune stopped by SIGTERM keeps its checkpoint and leaves no staged file or log; a resumed run's log holds every epoch once")
  func finetune() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let out = scratch.file("run"), log = scratch.file("log.jsonl")
    let arguments = ["finetune", "--views", "fixtures/finetune/view0.npy", "fixtures/finetune/view1.npy", "--batch-size", "64", "--threads", "1"]
    let (termination, stderr) = try Self.interrupt(arguments + ["--epochs", "400", "--out", out, "--log", log], with: SIGTERM) {
      FileManager.default.fileExists(atPath: out + "/checkpoint.safetensors")
    }
    #expect(termination == .signalled(SIGTERM))
    #expect(stderr.hasSuffix("ssl-quality: terminated (SIGTERM); unfinished outputs removed\n"), "\(stderr)")
    #expect(Self.temporaries(scratch.path).isEmpty)
    #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["checkpoint.safetensors"])
    #expect(!FileManager.default.fileExists(atPath: log))
    // The checkpoint's epochs are replayed into the staged log, so it lists every epoch once.
    let resumed = try CLI.run(arguments + ["--epochs", "3", "--out", scratch.file("short"), "--log", log])
    #expect(resumed.status == 0, "\(resumed.stderr)")
    let again = try CLI.run(arguments + ["--epochs", "3", "--out", scratch.file("short"), "--log", log, "--resume"])
    #expect(again.status == 0, "\(again.stderr)")
    let epochs = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map { line in
      (try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["epoch"] as? Int
    }
    #expect(epochs == [1, 2, 3])
  }

  @Test("a write past the file-size limit (SIGXFSZ) exits 2 with 'file too large' naming the file, and writes nothing")
  func fileSizeLimit() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let command = "ulimit -f 1; exec \"$0\" \"$@\""  // 512-byte blocks: a limit of 512 bytes
    let run = try runProcess(
      "/bin/sh",
      ["-c", command, CLI.executable, "score", "fixtures/finetune/train.npy", "--scores-out", scratch.file("q.csv"), "--plot", scratch.file("q.svg")],
      directory: Fixtures.root.path)
    #expect(run.status == 2)
    #expect(
      run.stderr
        == "ssl-quality: \(scratch.file("q.csv")): file too large: the write went past the file size limit (ulimit -f) or the file system's largest file\n")
    #expect(scratch.contents().isEmpty)
  }
}
