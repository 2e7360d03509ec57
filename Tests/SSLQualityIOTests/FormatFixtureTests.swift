// ssl-quality · FormatFixtureTests.swift — every format variant reads as numpy read it.

import Foundation
import SSLQuality
import Testing
import TestSupport

@testable import SSLQualityIO

/// One entry of fixtures/formats/manifest.json (written by fixtures/make_format_fixtures.py).
struct ManifestEntry {
  var name: String
  var kind: String
  var shape: [Int]
  var values: [Double]
  var dtype: String?
  var fortranOrder: Bool?
  var tolerance: Double

  static let all: [ManifestEntry] = {
    guard let data = try? Fixtures.data("formats/manifest.json"),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: [String: Any]]
    else { return [] }
    return object.keys.sorted().compactMap { name in
      guard let entry = object[name], let kind = entry["kind"] as? String, let shape = entry["shape"] as? [Int],
        let raw = entry["values"] as? [Any]
      else { return nil }
      let values = raw.map { value -> Double in
        if let text = value as? String { return Double(text) ?? .nan }
        return (value as? NSNumber)?.doubleValue ?? .nan
      }
      return ManifestEntry(
        name: name, kind: kind, shape: shape, values: values, dtype: entry["dtype"] as? String,
        fortranOrder: entry["fortran_order"] as? Bool, tolerance: (entry["tolerance"] as? Double) ?? 0)
    }
  }()

  static var arrays: [ManifestEntry] { all.filter { $0.kind == "array" } }
  static var images: [ManifestEntry] { all.filter { $0.kind == "image" } }
}

/// Equal as numbers, with NaN equal to NaN and -0 equal to 0.
func sameValue(_ a: Double, _ b: Double, tolerance: Double = 0) -> Bool {
  (a.isNaN && b.isNaN) || a == b || abs(a - b) <= tolerance
}

@Suite("Format fixtures match numpy")
struct FormatFixtureTests {
  @Test("the manifest lists every variant") func manifestIsComplete() {
    #expect(ManifestEntry.arrays.count >= 60)
    #expect(ManifestEntry.images.count >= 14)
  }

  @Test("arrays read with numpy's dtype, shape, order and values", arguments: ManifestEntry.arrays.map(\.name))
  func arrayMatchesNumpy(name: String) throws {
    let entry = try #require(ManifestEntry.arrays.first { $0.name == name })
    let array = try ArrayFile.open(Fixtures.path("formats/" + name))
    #expect(array.layout.shape == entry.shape)
    if let dtype = entry.dtype { #expect(array.layout.dtype == (dtype == "|b1" ? "|b1" : dtype)) }
    if let fortran = entry.fortranOrder { #expect(array.layout.fortranOrder == fortran) }
    let doubles = array.doubles()
    #expect(doubles.count == entry.values.count)
    for (got, want) in zip(doubles, entry.values) { #expect(sameValue(got, want), "\(name): \(got) != \(want)") }
    let floats = array.floats()
    for (got, want) in zip(floats, entry.values) { #expect(sameValue(Double(got), Double(Float(want)))) }
    if entry.shape.count == 2, entry.shape.allSatisfy({ $0 > 0 }) {
      let matrix = try array.matrix()
      let loaded = matrix.load(context: ExecutionContext(threads: 2))
      #expect(loaded.values.map(Double.init).elementsEqual(floats.map(Double.init), by: { sameValue($0, $1) }))
      var streamed: [Float] = []
      for start in stride(from: 0, to: matrix.rows, by: 2) {
        matrix.withRows(start..<min(matrix.rows, start + 2), scratch: RowScratch()) { streamed += $0 }
      }
      #expect(streamed.map(Double.init).elementsEqual(floats.map(Double.init), by: { sameValue($0, $1) }))
    }
  }

  @Test("images decode to numpy's gray values", arguments: ManifestEntry.images.map(\.name))
  func imageMatchesNumpy(name: String) throws {
    let entry = try #require(ManifestEntry.images.first { $0.name == name })
    let image = try ImageFile.load(Fixtures.path("formats/" + name))
    #expect([image.height, image.width] == entry.shape)
    for (got, want) in zip(image.pixels, entry.values) {
      #expect(sameValue(Double(got), want, tolerance: max(entry.tolerance, 1e-6)), "\(name): \(got) != \(want)")
    }
  }

  @Test("integer labels read exactly") func labels() throws {
    let labels = try ArrayFile.open(Fixtures.path("formats/labels_i8.npy")).labels()
    #expect(labels == [3, 1, 4, 1, 5, 9, 2, 6])
  }

  @Test("a multi-array archive lists every member") func openAllMembers() throws {
    let names = try ArrayFile.openAll(Fixtures.path("formats/npz_deflated.npz")).map(\.name)
    #expect(names.map { $0.split(separator: ":").last.map(String.init) ?? "" } == ["emb", "labels"])
    let tensors = try ArrayFile.openAll(Fixtures.path("formats/tensors.safetensors"))
    #expect(tensors.count == 10)
  }

  @Test("describing a file reads the same layouts as opening it, for every format")
  func describedAsOpened() throws {
    for file in ["formats/npz_deflated.npz", "formats/npz_deflated.npz:labels", "formats/npz_single.npz", "formats/npz_stored.npz", "formats/npz_zip64.npz", "formats/tensors.safetensors", "formats/npy_f8_be_F.npy"] {
      let described = try ArrayFile.describeAll(Fixtures.path(file))
      #expect(described == (try ArrayFile.openAll(Fixtures.path(file)).map(ArrayDescription.init)), "\(file)")
    }
  }

  @Test("little-endian float32 C-order data is used in place") func nativeDataIsNotCopied() throws {
    let matrix = try ArrayFile.open(Fixtures.path("formats/npy_f4_le_C.npy")).matrix()
    #expect(matrix.isNative)
    #expect(try !ArrayFile.open(Fixtures.path("formats/npy_f4_be_C.npy")).matrix().isNative)
  }
}
