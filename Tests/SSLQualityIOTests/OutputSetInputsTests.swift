// ssl-quality · OutputSetInputsTests.swift — outputs against the run's inputs, output folders and their lock, appended files.

import Foundation
import Testing
import TestSupport

@testable import SSLQualityIO

#if canImport(Glibc)
  import Glibc
#endif

@Suite("Output sets: inputs, folders, appended files")
struct OutputSetInputsTests {
  static func refusal(_ path: String, _ output: String, _ input: String) -> InputError {
    InputError(path, "\(output) names the input given to \(input); an output never overwrites an input, choose another path")
  }

  @Test("an output naming an input is refused: same path, another spelling, a symbolic link, a hard link, an archive member's file")
  func namesAnInput() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let input = try scratch.write("x.npy", [1, 2, 3])
    symlink(input, scratch.file("link.npy"))
    link(input, scratch.file("hard.npy"))
    for output in [input, scratch.path + "/./x.npy", scratch.file("link.npy"), scratch.file("hard.npy")] {
      #expect(throws: Self.refusal(output, "--out", "<embeddings>")) { try OutputSet([("--out", output)], inputs: [("<embeddings>", input)]) }
    }
    let archive = try scratch.write("a.npz", [4])
    #expect(throws: Self.refusal(archive, "--plot", "--train")) {
      try OutputSet([("--plot", archive)], inputs: [("--train", archive + ":features")])
    }
    // A missing input is compared by its resolved path.
    #expect(throws: Self.refusal(scratch.file("new.npy"), "--out", "--ids")) {
      try OutputSet([("--out", scratch.file("new.npy"))], inputs: [("--ids", scratch.path + "/../" + URL(fileURLWithPath: scratch.path).lastPathComponent + "/new.npy")])
    }
    _ = try OutputSet([("--out", scratch.file("other.npy"))], inputs: [("<embeddings>", input), ("--labels", nil)])
    #expect(try Data(contentsOf: URL(fileURLWithPath: input)) == Data([1, 2, 3]))
  }

  @Test("an existing file inside an input folder is refused, a new one is not")
  func insideAnInputFolder() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    try scratch.write("mask.png", [0])
    #expect(
      throws: InputError(scratch.file("mask.png"), "--csv names a file inside the folder given to --core-masks, which the run may read; choose another path")
    ) { try OutputSet([("--csv", scratch.file("mask.png"))], inputs: [("--core-masks", scratch.path)]) }
    _ = try OutputSet([("--csv", scratch.file("pairs.csv"))], inputs: [("--core-masks", scratch.path)])
  }

  @Test("an output folder is created with its parents, removed again when the set is not committed, kept when it is")
  func folders() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let folder = scratch.file("a/b")
    do {
      let outputs = try OutputSet([("--out", folder + "/x.npy")], folders: [("--out", folder)])
      #expect(FileCheck.isDirectory(folder))
      try outputs.write("x", to: folder + "/x.npy")
    }
    #expect(scratch.contents().isEmpty)
    let outputs = try OutputSet([("--out", folder + "/x.npy")], folders: [("--out", folder)])
    try outputs.write("x", to: folder + "/x.npy")
    try outputs.commit()
    #expect(try String(contentsOfFile: folder + "/x.npy", encoding: .utf8) == "x")
    #expect(throws: InputError(folder + "/x.npy", "--out names a regular file, not a folder")) {
      try OutputSet([], folders: [("--out", folder + "/x.npy")])
    }
    #expect(throws: InputError(scratch.file("c"), "given to both --json-out and --out (a folder); each output needs its own path")) {
      try OutputSet([("--json-out", scratch.file("c"))], folders: [("--out", scratch.file("c"))])
    }
    #expect(!FileManager.default.fileExists(atPath: scratch.file("c")))
  }

  @Test("a folder already locked by another set is refused, and free again once that set is released")
  func lock() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let message = InputError(scratch.path, "another ssl-quality run is writing into this folder (--out); wait for it to end or choose another folder")
    try withExtendedLifetime(try OutputSet([], folders: [("--out", scratch.path)])) {
      #expect(throws: message) { try OutputSet([], folders: [("--out", scratch.path)]) }
    }
    _ = try OutputSet([], folders: [("--out", scratch.path)])
  }

  @Test("appended bytes are staged: nothing before commit, all of them after; an uncommitted set leaves nothing")
  func append() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let log = scratch.file("log.jsonl")
    do {
      let outputs = try OutputSet([("--log", log)])
      try outputs.append(Array("one\n".utf8), to: log)
    }
    #expect(scratch.contents().isEmpty)
    let outputs = try OutputSet([("--log", log)])
    try outputs.append(Array("one\n".utf8), to: log)
    try outputs.append(Array("two\n".utf8), to: log)
    #expect(!FileManager.default.fileExists(atPath: log))
    try outputs.commit()
    #expect(try String(contentsOfFile: log, encoding: .utf8) == "one\ntwo\n")
    #expect(scratch.contents() == ["log.jsonl"])
  }
}
