// ssl-quality · ArchiveMemberTests.swift — an .npz member is judged by its header and its claimed size
// before it is inflated.

import Foundation
import Testing
import TestSupport

@testable import SSLQualityIO

@Suite("archive members checked before inflating")
struct ArchiveMemberTests {
  /// A 1-D member inflating to almost 4 GiB, and the seconds the call took.
  func refusal(_ body: (String) throws -> Void) throws -> (error: InputError?, seconds: Double, path: String, scratch: ScratchDirectory) {
    let scratch = try ScratchDirectory()
    let path = scratch.file("bomb.npz")
    try DeflateBomb.write(to: path)
    let started = Date()
    do {
      try body(path)
      return (nil, Date().timeIntervalSince(started), path, scratch)
    } catch let error as InputError {
      return (error, Date().timeIntervalSince(started), path, scratch)
    }
  }

  @Test("a 4 GiB 1-D member given as a matrix is refused from its header in under a second")
  func matrixBomb() throws {
    let (error, seconds, path, scratch) = try refusal { _ = try ArrayFile.matrix($0) }
    defer { scratch.remove() }
    #expect(error == InputError("\(path):x", "expected a 2-D float array, found float32 shape (\(DeflateBomb.elements),)"))
    #expect(seconds < 1, "took \(seconds) s")
  }

  @Test("the same member given as labels of the wrong count is refused from its header")
  func labelsBomb() throws {
    let (error, seconds, path, scratch) = try refusal { _ = try ArrayFile.labels($0, matchingRows: 40, of: "x.npy") }
    defer { scratch.remove() }
    #expect(error == InputError("\(path):x", "has \(DeflateBomb.elements) labels but x.npy has 40 rows"))
    #expect(seconds < 1, "took \(seconds) s")
  }

  @Test("a member claiming more than its compressed bytes can inflate to is called damaged, not a full disk")
  func lyingSize() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let path = scratch.file("lies.npz")
    try DeflateBomb.write(to: path, claimedSize: 4_000_000_000, segments: 1)
    let compressed = 5 + 128 + 1037 + 2
    #expect(throws: InputError(
      "\(path):x",
      "the archive says the member inflates to 4000000000 bytes, but its \(compressed) compressed bytes can hold at most \(compressed * 1032): the archive is damaged or forged"
    )) { _ = try ArrayFile.open(path) }
  }

  @Test("the header check is the expectation's: a wrong rank in an .npy file reads the same")
  func sameMessage() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let path = try scratch.write("labels.npy", npyBytes("{'descr': '<i8', 'fortran_order': False, 'shape': (3,), }", data: [UInt8](repeating: 0, count: 24)))
    #expect(throws: InputError(path, "expected a 2-D float array, found int64 shape (3,)")) { _ = try ArrayFile.matrix(path) }
  }
}
