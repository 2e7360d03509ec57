// ssl-quality · EntryRegionTests.swift — runs stored in shared regions keep their elements.

import Foundation
import Testing

@testable import SSLQuality

@Suite("Entry regions")
struct EntryRegionTests {
  @Test("runs of mixed types, past a region's end, and of copies that go on storing, keep their elements")
  func runsKeepTheirElements() {
    var region = EntryRegion()
    let bytes: [UInt8] = [1, 2, 255], floats: [Float] = [0.5, -.infinity, 3]
    let first = bytes.withUnsafeBufferPointer { region.store($0) }
    let second = floats.withUnsafeBufferPointer { region.store($0) }
    // Larger than the largest region: a region of its own.
    let large = [Float](repeating: 7, count: EntryRegion.largestRegion / 4 + 3)
    let third = large.withUnsafeBufferPointer { region.store($0) }
    var copy = region
    let fromCopy = floats.reversed().withUnsafeBufferPointer { copy.store($0) }
    let fromOriginal = floats.withUnsafeBufferPointer { region.store($0) }
    #expect(Array(first) == bytes && Array(second) == floats && Array(third) == large)
    #expect(Array(fromCopy) == floats.reversed() && Array(fromOriginal) == floats)
    #expect(([] as [Float]).withUnsafeBufferPointer { region.store($0) }.isEmpty)
  }

  @Test("elements written in place keep their values through an extension that moves them, and later runs follow")
  func writtenInPlace() {
    var region = EntryRegion()
    var room = region.reserve(Float.self, count: 4)
    for k in 0..<3 { room[k] = Float(k) }
    // More room than any region holds: the three written move to a region of their own.
    let larger = EntryRegion.largestRegion / 4 + 10
    room = region.extend(Float.self, count: larger, keeping: 3)
    room[larger - 1] = 9
    let first = region.commit(Float.self, count: larger)
    let small = region.reserve(UInt8.self, count: 8)
    small[0] = 42
    let second = region.commit(UInt8.self, count: 1)
    // Room that fits stays where it is, its elements untouched.
    let third: EntryRun<Float> = {
      let start = region.reserve(Float.self, count: 2)
      start[0] = 5
      _ = region.extend(Float.self, count: 16, keeping: 1)
      return region.commit(Float.self, count: 1)
    }()
    #expect(Array(first.prefix(3)) == [0, 1, 2] && first.count == larger && first.last == 9)
    #expect(Array(second) == [42] && Array(third) == [5])
    #expect(region.commit(Float.self, count: 0).isEmpty)
  }

  @Test("a run is written and read back as a plain array")
  func codable() throws {
    var region = EntryRegion()
    let run = [UInt8](0...200).withUnsafeBufferPointer { region.store($0) }
    let data = try JSONEncoder().encode(run)
    #expect(try JSONDecoder().decode([UInt8].self, from: data) == Array(run))
    #expect(try JSONDecoder().decode(EntryRun<UInt8>.self, from: data) == run)
  }
}
