// ssl-quality · OutputSetTests.swift — outputs checked before any work, written all or nothing.

import Foundation
import Testing
import TestSupport

@testable import SSLQualityIO

@Suite("Output sets")
struct OutputSetTests {
  struct Boom: Error {}

  @Test("nothing appears before commit; everything appears at commit; a set released uncommitted leaves nothing")
  func allOrNothing() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    do {
      let outputs = try OutputSet([("--a", scratch.file("a.txt")), ("--b", scratch.file("b.npy"))])
      try outputs.write("a", to: scratch.file("a.txt"))
      try NPYWriter.write([1, 2, 3], to: scratch.file("b.npy"), in: outputs)
      #expect(!FileManager.default.fileExists(atPath: scratch.file("a.txt")))
    }
    #expect(scratch.contents().isEmpty)
    let outputs = try OutputSet([("--a", scratch.file("a.txt")), ("--b", scratch.file("b.npy"))])
    try outputs.write("a", to: scratch.file("a.txt"))
    try NPYWriter.write([1, 2, 3], to: scratch.file("b.npy"), in: outputs)
    try outputs.commit()
    #expect(scratch.contents() == ["a.txt", "b.npy"])
  }

  @Test("a failed write leaves the old file and no temporary file")
  func failedWrite() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    try OutputSet.staging(scratch.file("keep.txt"), in: nil) { try $0.write(contentsOf: Data("old".utf8)) }
    let outputs = try OutputSet([("--keep", scratch.file("keep.txt"))])
    #expect(throws: (any Error).self) { try outputs.write(to: scratch.file("keep.txt")) { _ in throw Boom() } }
    try outputs.commit()
    #expect(try String(contentsOfFile: scratch.file("keep.txt"), encoding: .utf8) == "old")
    #expect(scratch.contents() == ["keep.txt"])
  }

  @Test("every path is checked up front: missing directory, a directory, the same file twice")
  func checkedUpFront() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    #expect(throws: InputError("/nonexistent-dir/out.json", "cannot write --out: the directory /nonexistent-dir does not exist")) {
      try OutputSet([("--csv", scratch.file("ok.csv")), ("--out", "/nonexistent-dir/out.json")])
    }
    #expect(throws: InputError(scratch.path, "--plot names a directory; give a file path")) { try OutputSet([("--plot", scratch.path)]) }
    #expect(throws: InputError(scratch.file("x.csv"), "given to both --csv and --plot; each output needs its own file")) {
      try OutputSet([("--csv", scratch.file("x.csv")), ("--plot", scratch.file("x.csv"))])
    }
    #expect(scratch.contents().isEmpty)
  }
}
