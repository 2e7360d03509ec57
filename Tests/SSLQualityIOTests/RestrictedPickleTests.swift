// ssl-quality · RestrictedPickleTests.swift — plain data read, everything else refused, bounded on hostile streams.

import Testing

@testable import SSLQualityIO

@Suite("restricted pickle reader")
struct RestrictedPickleTests {
  /// `pickle.dumps({'a': [1, -2, 3.5, 'x', None, True], 'b': (b'z',)}, protocol=2)`.
  static let plain: [UInt8] = [
    0x80, 0x02, 0x7D, 0x71, 0x00, 0x28, 0x58, 0x01, 0x00, 0x00, 0x00, 0x61, 0x71, 0x01, 0x5D, 0x71, 0x02, 0x28, 0x4B, 0x01, 0x4A, 0xFE, 0xFF,
    0xFF, 0xFF, 0x47, 0x40, 0x0C, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x58, 0x01, 0x00, 0x00, 0x00, 0x78, 0x71, 0x03, 0x4E, 0x88, 0x65, 0x58,
    0x01, 0x00, 0x00, 0x00, 0x62, 0x71, 0x04, 0x43, 0x01, 0x7A, 0x71, 0x05, 0x85, 0x71, 0x06, 0x75, 0x2E,
  ]

  @Test("plain data reads as Python has it")
  func plainData() throws {
    let value = try RestrictedPickle.read(Self.plain)
    let expected = PickleValue.dict([
      (.string("a"), .list([.int(1), .int(-2), .float(3.5), .string("x"), .none, .bool(true)])), (.string("b"), .tuple([.bytes([0x7A])])),
    ])
    #expect(value == expected)
  }

  @Test("a list put in the memo empty and filled later is read back filled")
  func sharedList() throws {
    // l = []; l.append(1); pickle.dumps([l, l], protocol=2): EMPTY_LIST PUT0 MARK EMPTY_LIST PUT1 BININT1 1 APPEND GET1 APPENDS STOP
    let bytes: [UInt8] = [0x80, 0x02, 0x5D, 0x71, 0x00, 0x28, 0x5D, 0x71, 0x01, 0x4B, 0x01, 0x61, 0x68, 0x01, 0x65, 0x2E]
    #expect(try RestrictedPickle.read(bytes) == .list([.list([.int(1)]), .list([.int(1)])]))
  }

  @Test(
    "hostile streams are refused with the reason, never a crash",
    arguments: [
      ([0x80, 0x02, 0x63] + Array("os\nsystem\n".utf8) + [0x2E], "the pickle names the global 'os.system', which a saved tensor does not need; nothing was run"),
      ([0x80, 0x02, 0x63] + Array("builtins\neval\n".utf8) + [0x2E], "the pickle names the global 'builtins.eval', which a saved tensor does not need; nothing was run"),
      ([0x80, 0x02, 0x69], "pickle opcode 0x69 at byte 2 is not one a saved tensor uses"),  // INST
      ([0x80, 0x02, 0x81], "pickle opcode 0x81 at byte 2 is not one a saved tensor uses"),  // NEWOBJ
      ([0x80, 0x02, 0x58, 0xFF, 0xFF, 0xFF, 0x7F], "the pickle claims 2147483647 bytes at byte 7, past its end"),
      ([0x80, 0x02, 0x68, 0x05, 0x2E], "GET of memo entry 5, never put, at byte 2"),
      ([0x80, 0x02, 0x4E], "the pickle ends before its STOP opcode"),
      ([0x80, 0x02, 0x74, 0x2E], "the pickle pops to a mark it never set at byte 2"),
      ([0x80, 0x02, 0x52, 0x2E], "the pickle pops past its stack at byte 2"),
      ([0x80, 0x02, 0x4E, 0x4E, 0x2E], "the pickle ends with a malformed stack"),
    ] as [([UInt8], String)])
  func hostile(bytes: [UInt8], message: String) {
    #expect(throws: RestrictedPickle.Refusal(message: message)) { try RestrictedPickle.read(bytes) }
  }

  @Test("a million nested tuples are refused at the depth limit, not by running out of stack")
  func deepNesting() {
    let bytes: [UInt8] = [0x80, 0x02, 0x4E] + [UInt8](repeating: 0x85, count: 1_000_000) + [0x2E]
    #expect(throws: RestrictedPickle.Refusal(message: "values nest more than 64 deep at byte 67")) { try RestrictedPickle.read(bytes) }
  }

  @Test("a million appends to one list take linear time")
  func manyAppends() throws {
    let bytes: [UInt8] = [0x80, 0x02, 0x5D, 0x71, 0x00] + Array([[UInt8]](repeating: [0x4B, 0x07, 0x61], count: 1_000_000).joined()) + [0x2E]
    guard case .list(let list) = try RestrictedPickle.read(bytes) else { Issue.record("not a list"); return }
    #expect(list.count == 1_000_000)
  }
}
