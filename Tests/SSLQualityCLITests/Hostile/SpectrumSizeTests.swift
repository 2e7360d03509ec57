// ssl-quality · SpectrumSizeTests.swift — spectrum, compare and report on matrices whose Gram matrix of the
// features is huge: the smaller side is used (right values, small and fast), or the run is refused up front.

import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
  import Glibc
#endif

@Suite("hostile inputs: the size of the spectrum's Gram matrices")
struct SpectrumSizeTests {
  /// fixtures/spectrum/wide_expected.json (numpy's SVD of the rows).
  nonisolated(unsafe) static let expected = Fixtures.object("spectrum/wide_expected.json")

  @Test("2 × 60000 and 4 × 8192: the rows' Gram matrix, numpy's values, under 150 MB and 20 s", arguments: ["wide_2x60000", "wide_4x8192"])
  func wideSpectrum(name: String) throws {
    let started = Date()
    let run = try MeasuredRun(CLI.executable, ["spectrum", "--json", "fixtures/spectrum/\(name).npy"], directory: Fixtures.root.path)
    let elapsed = Date().timeIntervalSince(started)
    #expect(run.status == 0 && run.stderr.isEmpty, "\(run.stderr)")
    #expect(run.peakKB <= 150 * 1024, "peak RSS \(run.peakKB / 1024) MB")
    #expect(elapsed <= 20, "took \(elapsed) s")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let want = try #require(Self.expected[name] as? [String: Any])
    for key in ["rankme", "rankme_centered", "effective_rank"] {
      let got = try #require(object[key] as? Double), reference = try #require(want[key] as? Double)
      #expect(abs(got - reference) <= 1e-6 * reference, "\(key): \(got) != \(reference)")
    }
    #expect(object["dead_features"] as? Int == want["dead_features"] as? Int)
    let eigenvalues = try #require(object["eigenvalues"] as? [Double]), listed = try #require(want["eigenvalues"] as? [Double])
    #expect(eigenvalues.count == want["features"] as? Int)
    #expect(abs(eigenvalues[0] - listed[0]) <= 1e-6 * listed[0])
  }

  @Test("compare and report on 2 × 60000 and 4 × 8192: exit 0, under 200 MB and 30 s", arguments: ["wide_2x60000", "wide_4x8192"])
  func wideCompareAndReport(name: String) throws {
    let file = Fixtures.path("spectrum/\(name).npy")
    try HostileCase(name: "compare \(name)", arguments: ["compare", "--json", file, file], status: 0, message: "").run()
    try HostileCase(name: "report \(name)", arguments: ["report", file, "--html", "$S/r.html"], status: 0, message: "").run()
  }

  /// A `.npy` of float32 `rows × columns` holding zeros, as a sparse file: its size is the
  /// data's, its blocks on disk are the header's.
  static func sparseMatrix(_ path: String, rows: Int, columns: Int) throws {
    var header = "{'descr': '<f4', 'fortran_order': False, 'shape': (\(rows), \(columns)), }"
    header += String(repeating: " ", count: 63 - (10 + header.utf8.count) % 64) + "\n"
    let length = UInt16(header.utf8.count)
    let bytes = [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(length & 0xFF), UInt8(length >> 8)] + Array(header.utf8)
    #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
    #expect(truncate(path, off_t(bytes.count + rows * columns * 4)) == 0)
  }

  @Test("100000 × 100000 (a 40 GB sparse file): refused before any work with the memory it needs, by spectrum, compare and report")
  func refusedUpFront() throws {
    let scratch = try hostileScratch()
    defer { scratch.remove() }
    try Self.sparseMatrix(scratch.file("huge.npy"), rows: 100_000, columns: 100_000)
    let message =
      "ssl-quality: $S/huge.npy: the spectrum of a 100000 × 100000 matrix needs 160.00 GB of memory "
      + "(two 100000 × 100000 Gram matrices in Double), more than this machine's …"
    for arguments in [
      ["spectrum", "$S/huge.npy", "--json-out", "$S/s.json"], ["compare", "$S/huge.npy", "$S/huge.npy", "--json-out", "$S/c.json"],
      ["report", "$S/huge.npy", "--html", "$S/r.html"],
    ] {
      let hostile = HostileCase(
        name: arguments[0], arguments: arguments, message: message, absent: ["$S/s.json", "$S/c.json", "$S/r.html"], peakMB: 80,
        seconds: 10)
      try hostile.check(in: scratch.path)
    }
  }
}
