// ssl-quality · NPYWriterTests.swift — what ssl-quality writes, numpy reads back exactly.

import Foundation
import SSLQuality
import Testing
import TestSupport

@testable import SSLQualityIO

@Suite("Writers")
struct NPYWriterTests {
  @Test("headers match np.save byte for byte")
  func headerMatchesNumpy() throws {
    let header = NPYFormat.header(for: ArrayLayout(elementType: .float32, shape: [3, 4]))
    let text = String(decoding: header[10...], as: UTF8.self)
    #expect(text.hasPrefix("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }"))
    #expect(header.count % 64 == 0)
    #expect(header.last == 0x0A)
    let fixture = Array(try Fixtures.data("formats/npy_version_1_0.npy"))
    let ours = NPYFormat.header(for: ArrayLayout(elementType: .float32, shape: [5, 3]))
    #expect(Array(fixture.prefix(ours.count)) == ours)
  }

  @Test("float32, float64 and int64 outputs read back through our reader")
  func roundTrip() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let matrix = Matrix(rows: 2, columns: 3, values: [0, -1.5, .infinity, 3e-38, .nan, 7])
    try NPYWriter.write(matrix, to: scratch.file("m.npy"))
    try NPYWriter.write([1.0, -2.25, 1e300], to: scratch.file("d.npy"))
    try NPYWriter.write([Int.min, 0, Int.max], to: scratch.file("i.npy"))
    let back = try ArrayFile.open(scratch.file("m.npy"))
    #expect(back.layout == ArrayLayout(elementType: .float32, shape: [2, 3]))
    #expect(back.floats().map(\.bitPattern) == matrix.values.map(\.bitPattern))
    #expect(try ArrayFile.open(scratch.file("d.npy")).doubles() == [1.0, -2.25, 1e300])
    #expect(try ArrayFile.open(scratch.file("i.npy")).labels() == [Int.min, 0, Int.max])
  }

  @Test("numpy loads our files with identical values", .enabled(if: Python.withNumpy != nil))
  func numpyReadsOurFiles() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let values: [Float] = (0..<12).map { Float($0) * 0.1 - 0.5 }
    try NPYWriter.write(Matrix(rows: 3, columns: 4, values: values), to: scratch.file("m.npy"))
    try NPYWriter.write([0.1, 2.0 / 3.0], to: scratch.file("d.npy"))
    try NPYWriter.write([-3, 0, 1 << 40], to: scratch.file("i.npy"))
    let output = try Python.run(
      """
      import numpy as np, sys, io
      d = sys.argv[1]
      m, f, i = np.load(d + '/m.npy'), np.load(d + '/d.npy'), np.load(d + '/i.npy')
      buf = io.BytesIO(); np.save(buf, m)
      same_header = open(d + '/m.npy', 'rb').read() == buf.getvalue()
      print(m.dtype.str, m.shape, m.flags['C_CONTIGUOUS'], same_header)
      print(' '.join(v.hex() for v in m.astype(float).ravel()))
      print(f.dtype.str, repr(f.tolist()), i.dtype.str, i.tolist())
      """, arguments: [scratch.path])
    let lines = output.split(separator: "\n").map(String.init)
    #expect(lines[0] == "<f4 (3, 4) True True")
    #expect(lines[1] == values.map { Double($0).hexDescription }.joined(separator: " "))
    #expect(lines[2] == "<f8 [0.1, 0.6666666666666666] <i8 [-3, 0, 1099511627776]")
  }

  @Test func csvQuotesWhatNeedsIt() {
    #expect(CSVWriter.render(header: ["a", "b"], rows: [["1", "x,y"], ["\"q\"", "line\nbreak"]])
      == "a,b\n1,\"x,y\"\n\"\"\"q\"\"\",\"line\nbreak\"\n")
  }
}

extension Double {
  /// Python's `float.hex()` spelling, for exact comparisons with numpy output.
  var hexDescription: String {
    if self == 0 { return sign == .minus ? "-0x0.0p+0" : "0x0.0p+0" }
    let exponent = self.exponent
    let mantissa = significandBitPattern
    var digits = String(mantissa, radix: 16)
    digits = String(repeating: "0", count: 13 - digits.count) + digits
    return (sign == .minus ? "-" : "") + "0x1.\(digits)p\(exponent >= 0 ? "+" : "")\(exponent)"
  }
}
