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

  @Test("a run is written and read back as a plain array")
  func codable() throws {
    var region = EntryRegion()
    let run = [UInt8](0...200).withUnsafeBufferPointer { region.store($0) }
    let data = try JSONEncoder().encode(run)
    #expect(try JSONDecoder().decode([UInt8].self, from: data) == Array(run))
    #expect(try JSONDecoder().decode(EntryRun<UInt8>.self, from: data) == run)
  }
}
