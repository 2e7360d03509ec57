// ssl-quality · SampleIDsTests.swift — the --ids reader on files the fuzzer found.

import Testing
import TestSupport

@testable import SSLQualityIO

@Suite("sample ids")
struct SampleIDsTests {
  @Test("an empty ids file is refused naming the file (fuzz-lists: Data(contentsOf:) leaked on it)") func empty() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let path = try scratch.write("ids.txt", [UInt8]())
    let error = #expect(throws: InputError.self) { try SampleIDs.read(path, rows: 3, of: "x.npy") }
    #expect(error?.path == path)
    #expect(error?.problem.contains("empty") == true, "\(String(describing: error))")
  }
}
