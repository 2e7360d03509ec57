// ssl-quality · ZIPDirectoryTests.swift — offsets past the file are refused before the ZIP library seeks to them.

import Foundation
import Testing
import TestSupport

@testable import SSLQualityIO

@Suite("ZIP directories")
struct ZIPDirectoryTests {
  /// `formats/npz_stored.npz` with a ZIP64 end record and locator before its end record, the
  /// record giving the central directory's offset as `offset`.
  static func withZIP64Record(directoryAt offset: UInt64) throws -> [UInt8] {
    var bytes = [UInt8](try Fixtures.data("formats/npz_stored.npz"))
    let end = try #require(bytes.indices.reversed().first { bytes[$0...].starts(with: [0x50, 0x4B, 0x05, 0x06]) })
    func le(_ value: UInt64, _ count: Int) -> [UInt8] { (0..<count).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) } }
    let record = le(0x0606_4B50, 4) + le(44, 8) + le(45, 2) + le(45, 2) + le(0, 4) + le(0, 4) + le(1, 8) + le(1, 8) + le(0, 8) + le(offset, 8)
    let locator = le(0x0706_4B50, 4) + le(0, 4) + le(UInt64(end), 8) + le(1, 4)
    bytes.insert(contentsOf: record + locator, at: end)
    return bytes
  }

  @Test("a ZIP64 record placing the directory at 2^64 − 1 is refused, naming the damage, by every way of opening the file")
  func directoryPastTheEnd() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let path = try scratch.write("damaged.npz", Self.withZIP64Record(directoryAt: .max))
    let expected = InputError(path, "damaged ZIP archive: its central directory lies outside the file")
    #expect(throws: expected) { try ArrayFile.open(path) }
    #expect(throws: expected) { try ArrayFile.openAll(path) }
    #expect(throws: expected) { try ArrayFile.describeAll(path) }
  }

  @Test("members of a sound archive are listed with their sizes and where their bytes begin")
  func members() throws {
    let bytes = [UInt8](try Fixtures.data("torch/dict.pth"))
    let members = ZIPDirectory.members(in: bytes)
    #expect(members.map(\.name).contains("dict/data.pkl") && members.allSatisfy { $0.method == 0 && !$0.encrypted })
    #expect(ZIPDirectory.damage(in: bytes) == nil)
    for member in members {
      let start = try #require(ZIPDirectory.dataOffset(of: member, in: bytes))
      #expect(start + member.compressedSize <= bytes.count)
    }
  }
}
