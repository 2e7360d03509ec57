// ssl-quality · MalformedInputTests.swift — every malformed input is a named error, never a crash.

import Foundation
import SSLQuality
import Testing
import TestSupport

@testable import SSLQualityIO

/// `.npy` bytes with `header` (padded like numpy) and `data`.
func npyBytes(_ header: String, version: UInt8 = 1, data: [UInt8] = []) -> [UInt8] {
  var body = Array(header.utf8)
  let prefix = version == 1 ? 10 : 12
  let total = (prefix + body.count + 1 + 63) / 64 * 64
  body += [UInt8](repeating: 0x20, count: total - prefix - body.count - 1) + [0x0A]
  var bytes = NPYFormat.magic + [version, 0]
  let length = body.count
  bytes += version == 1 ? [UInt8(length & 0xFF), UInt8(length >> 8)] : (0..<4).map { UInt8((length >> (8 * $0)) & 0xFF) }
  return bytes + body + data
}

/// A well-formed 2×3 `<f4` array's bytes.
let goodNPY = npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", data: [UInt8](repeating: 0, count: 24))

/// safetensors bytes with `header` JSON and `data`.
func safetensorsBytes(_ header: String, data: [UInt8]) -> [UInt8] {
  let json = Array(header.utf8)
  return (0..<8).map { UInt8((json.count >> (8 * $0)) & 0xFF) } + json + data
}

@Suite("Malformed inputs")
struct MalformedInputTests {
  /// Writes `bytes` to a scratch file named `name`, opens it, and returns the error's problem.
  func problem(_ name: String, _ bytes: [UInt8], open: (String) throws -> Void = { _ = try ArrayFile.open($0) }) throws -> String {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let path = try scratch.write(name, bytes)
    do {
      try open(path)
    } catch let error as InputError {
      #expect(error.path.hasPrefix(path), "error names \(error.path), not \(path)")
      #expect(!error.description.contains("\n"))
      return error.problem
    }
    Issue.record("\(name) was accepted")
    return ""
  }

  // MARK: Files

  @Test func emptyFile() throws { #expect(try problem("a.npy", []).contains("empty")) }

  @Test func directoryInsteadOfFile() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    #expect(throws: InputError(scratch.path, "is a directory, not a file")) { try ArrayFile.open(scratch.path) }
  }

  @Test func missingFile() {
    #expect { try ArrayFile.open("/nonexistent/x.npy") } throws: { ($0 as? InputError)?.problem == "no such file or directory" }
  }

  @Test func unreadableFile() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let path = try scratch.write("a.npy", goodNPY)
    chmod(path, 0)
    if access(path, R_OK) == 0 {
      // Running as root: permissions do not stop reads; a FIFO is the unreadable case left.
      let fifo = scratch.file("fifo.npy")
      mkfifo(fifo, 0o600)
      #expect { try ArrayFile.open(fifo) } throws: { ($0 as? InputError)?.problem == "no such file or directory" || ($0 as? InputError)?.problem.contains("not a regular file") == true }
      return
    }
    #expect { try ArrayFile.open(path) } throws: { ($0 as? InputError)?.problem.contains("Permission denied") == true }
  }

  // MARK: .npy

  @Test func badMagic() throws { #expect(try problem("a.npy", [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x58] + goodNPY.dropFirst(6)).contains("bad magic")) }

  @Test func unknownVersion() throws {
    var bytes = goodNPY
    bytes[6] = 4
    #expect(try problem("a.npy", bytes).contains("unsupported .npy format version 4.0"))
  }

  @Test func headerLengthPastEnd() throws {
    var bytes = goodNPY
    bytes[8] = 0xFF
    bytes[9] = 0xFF
    #expect(try problem("a.npy", bytes).contains("runs past the end"))
  }

  @Test func headerNotADictionary() throws {
    #expect(try problem("a.npy", npyBytes("['descr', '<f4']", data: [])).contains("not a Python dictionary"))
    #expect(try problem("a.npy", npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3)", data: [])).contains("dictionary"))
    #expect(try problem("a.npy", npyBytes("{'descr': <f4}", data: [])).contains("dictionary"))
  }

  @Test(arguments: ["descr", "fortran_order", "shape"])
  func missingKey(key: String) throws {
    let fields = ["descr": "'descr': '<f4'", "fortran_order": "'fortran_order': False", "shape": "'shape': (2, 3)"]
    let header = "{" + fields.filter { $0.key != key }.sorted { $0.key < $1.key }.map(\.value).joined(separator: ", ") + "}"
    #expect(try problem("a.npy", npyBytes(header, data: [UInt8](repeating: 0, count: 24))).contains("lacks the '\(key)' key"))
  }

  @Test(arguments: [("|O", "object"), ("<c8", "complex"), ("<U4", "string"), ("|S3", "string"), ("<M8[s]", "datetime")])
  func rejectedDtype(descr: String, word: String) throws {
    let header = "{'descr': '\(descr)', 'fortran_order': False, 'shape': (2,), }"
    #expect(try problem("a.npy", npyBytes(header, data: [UInt8](repeating: 0, count: 64))).contains(word))
  }

  @Test func structuredDtype() throws {
    let header = "{'descr': [('a', '<f4'), ('b', '<i4')], 'fortran_order': False, 'shape': (2,), }"
    #expect(try problem("a.npy", npyBytes(header, data: [UInt8](repeating: 0, count: 16))).contains("structured"))
  }

  @Test func negativeShape() throws {
    #expect(try problem("a.npy", npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (-2, 3), }")).contains("negative"))
  }

  @Test func nonIntegerShape() throws {
    #expect(try problem("a.npy", npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (2.5, 3), }")).contains("not an integer"))
    #expect(try problem("a.npy", npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': ('2', 3), }")).contains("non-integer"))
  }

  @Test func dataShorterThanShape() throws {
    #expect(try problem("a.npy", Array(goodNPY.dropLast(5))).contains("shorter than the shape implies"))
  }

  @Test func trailingBytes() throws {
    #expect(try problem("a.npy", goodNPY + [1, 2, 3]).contains("3 trailing bytes"))
  }

  @Test func hugeShapeDoesNotOverflow() throws {
    let header = "{'descr': '<f8', 'fortran_order': False, 'shape': (9223372036854775807, 9223372036854775807), }"
    #expect(try problem("a.npy", npyBytes(header)).contains("too large"))
  }

  // MARK: Shapes for their use

  @Test func threeDimensionsWhereTwoExpected() throws {
    let bytes = npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3, 1), }", data: [UInt8](repeating: 0, count: 24))
    #expect(try problem("a.npy", bytes) { _ = try ArrayFile.open($0).matrix() } == "expected a 2-D float array, found float32 shape (2, 3, 1)")
  }

  @Test func oneDimensionWhereTwoExpected() throws {
    let bytes = npyBytes("{'descr': '<i8', 'fortran_order': False, 'shape': (100,), }", data: [UInt8](repeating: 0, count: 800))
    #expect(try problem("train.npy", bytes) { _ = try ArrayFile.open($0).matrix() } == "expected a 2-D float array, found int64 shape (100,)")
  }

  @Test(arguments: ["(0, 3)", "(3, 0)"])
  func emptyMatrix(shape: String) throws {
    let bytes = npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': \(shape), }")
    #expect(try problem("a.npy", bytes) { _ = try ArrayFile.open($0).matrix() }.contains("non-empty"))
  }

  @Test func nonIntegerLabels() throws {
    let values: [Float] = [1, 2.5]
    let data = values.withUnsafeBytes { Array($0) }
    let bytes = npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", data: data)
    #expect(try problem("labels.npy", bytes) { _ = try ArrayFile.open($0).labels() } == "expected integer labels, found 2.5 at index 1")
  }

  @Test func labelsOfTheWrongLength() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let labels = try ArrayFile.open(try scratch.write("labels.npy", npyBytes("{'descr': '|u1', 'fortran_order': False, 'shape': (3,), }", data: [0, 1, 2])))
    #expect(throws: InputError(labels.name, "has 3 labels but train.npy has 2 rows")) {
      _ = try labels.labels(matchingRows: 2, of: "train.npy")
    }
    #expect(try labels.labels(matchingRows: 3, of: "train.npy") == [0, 1, 2])
  }

  // MARK: .npz

  func npz(_ members: [String: [UInt8]], compressed: Bool = true) throws -> [UInt8] {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    var script = "import zipfile,sys\nz=zipfile.ZipFile(sys.argv[1],'w',zipfile.ZIP_DEFLATED if \(compressed ? "True" : "False") else zipfile.ZIP_STORED)\n"
    for (name, bytes) in members.sorted(by: { $0.key < $1.key }) {
      let path = try scratch.write(name.replacingOccurrences(of: "/", with: "_"), bytes)
      script += "z.write('\(path)', '\(name)')\n"
    }
    script += "z.close()\n"
    _ = try Python.run(script, arguments: [scratch.file("out.npz")])
    return Array(try Data(contentsOf: URL(fileURLWithPath: scratch.file("out.npz"))))
  }

  @Test(.enabled(if: Python.withNumpy != nil)) func npzWithoutTheRequestedKey() throws {
    let bytes = try npz(["emb.npy": goodNPY, "labels.npy": goodNPY])
    #expect(try problem("a.npz", bytes) { _ = try ArrayFile.open($0 + ":nope") }.contains("no array named 'nope' (the archive holds: emb, labels)"))
    #expect(try problem("a.npz", bytes).contains("holds 2 arrays"))
  }

  @Test(.enabled(if: Python.withNumpy != nil)) func npzMemberThatIsNotNPY() throws {
    let bytes = try npz(["notes.txt": Array("hello".utf8)])
    #expect(try problem("a.npz", bytes).contains("is not a .npy array"))
  }

  @Test func corruptDeflateStream() throws {
    var bytes = Array(try Fixtures.data("formats/npz_deflated.npz"))
    // Overwrite the first member's compressed data (after its 30-byte header and name).
    let nameLength = Int(bytes[26]) | Int(bytes[27]) << 8, extraLength = Int(bytes[28]) | Int(bytes[29]) << 8
    let start = 30 + nameLength + extraLength
    for k in start..<(start + 40) { bytes[k] = 0xFF }
    #expect(try problem("a.npz", bytes) { _ = try ArrayFile.open($0 + ":emb") }.contains("cannot extract"))
  }

  @Test func truncatedArchive() throws {
    let bytes = Array(try Fixtures.data("formats/npz_stored.npz").prefix(100))
    #expect(try problem("a.npz", bytes).contains("ZIP"))
  }

  // MARK: .safetensors

  let tensorData = [UInt8](repeating: 0, count: 24)

  @Test func safetensorsHeaderLengthBeyondFile() throws {
    var bytes = safetensorsBytes(#"{"a":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]}}"#, data: tensorData)
    bytes[0] = 0xFF
    bytes[3] = 0x7F
    #expect(try problem("a.safetensors", bytes).contains("runs past the end"))
  }

  @Test func safetensorsInvalidJSON() throws {
    #expect(try problem("a.safetensors", safetensorsBytes(#"{"a": {"dtype": "F32", "#, data: tensorData)).contains("not valid JSON"))
    #expect(try problem("a.safetensors", safetensorsBytes("[1, 2]", data: tensorData)).contains("JSON"))
  }

  /// Headers that parse as JSON but describe no valid tensor layout, and what the refusal says.
  static let badSafetensorsHeaders = [
    (#"{"a":{"dtype":"F8_E4M3","shape":[2,3],"data_offsets":[0,6]}}"#, "unsupported dtype 'F8_E4M3'"),
    (#"{"a":{"dtype":"F32","shape":[2,3],"data_offsets":[8,32]}}"#, "run past the data"),
    (#"{"a":{"dtype":"F32","shape":[0],"data_offsets":[8,4]}}"#, "data_offsets"),
    (#"{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]},"b":{"dtype":"F32","shape":[4],"data_offsets":[8,24]}}"#, "overlap"),
    (#"{"a":{"dtype":"F32","shape":[2,2],"data_offsets":[0,24]}}"#, "needs 16 bytes but its data_offsets span 24"),
    (#"{"a":{"dtype":"F32","shape":[2.5,2],"data_offsets":[0,24]}}"#, "needs dtype"),
  ]

  @Test("a safetensors header with a bad dtype, offsets or shape is refused", arguments: badSafetensorsHeaders)
  func safetensorsBadHeader(header: String, message: String) throws {
    #expect(try problem("a.safetensors", safetensorsBytes(header, data: tensorData)).contains(message))
  }

  // MARK: Images

  func imageProblem(_ name: String, _ bytes: [UInt8]) throws -> String {
    try problem(name, bytes) { _ = try ImageFile.load($0) }
  }

  @Test func truncatedPNG() throws {
    let bytes = Array(try Fixtures.data("formats/png_rgb_8.png"))
    #expect(try imageProblem("m.png", Array(bytes.prefix(bytes.count - 20))).contains("corrupt or truncated PNG"))
    #expect(try imageProblem("m.png", Array(bytes.prefix(40))).contains("PNG"))
  }

  @Test func corruptPNG() throws {
    var bytes = Array(try Fixtures.data("formats/png_rgb_8.png"))
    bytes[bytes.count - 30] ^= 0xFF  // inside IDAT: CRC mismatch
    #expect(try imageProblem("m.png", bytes).contains("corrupt or truncated PNG"))
  }

  @Test func pngWithZeroWidth() throws {
    var bytes = Array(try Fixtures.data("formats/png_gray_8.png"))
    for k in 16..<20 { bytes[k] = 0 }  // IHDR width
    #expect(try imageProblem("m.png", bytes).contains("PNG"))
  }

  @Test func truncatedJPEG() throws {
    let bytes = Array(try Fixtures.data("formats/jpeg_rgb.jpeg"))
    #expect(try imageProblem("m.jpeg", Array(bytes.prefix(bytes.count / 2))).contains("corrupt or truncated JPEG"))
  }

  @Test func corruptJPEG() throws {
    var bytes = Array(try Fixtures.data("formats/jpeg_gray.jpeg"))
    for k in 2..<40 { bytes[k] = 0x00 }
    #expect(try imageProblem("m.jpeg", bytes).contains("JPEG"))
  }

  @Test func notAnImage() throws {
    #expect(try imageProblem("m.png", Array("hello".utf8)) == "not a PNG, JPEG or .npy image")
  }
}
