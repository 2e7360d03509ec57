// ssl-quality · ListFileTests.swift — the lines of a list file, whatever its line ends and byte-order mark.

import Testing

@testable import SSLQualityIO

@Suite("list files")
struct ListFileTests {
  @Test(
    "LF, CRLF, a byte-order mark and a final line break or none give the same lines",
    arguments: ["a\nb c\n\nd\n", "a\r\nb c\r\n\r\nd\r\n", "\u{FEFF}a\r\nb c\r\n\r\nd", "\u{FEFF}a\nb c\n\nd"])
  func lines(_ text: String) {
    #expect(ListFile.lines(of: text) == ["a", "b c", "", "d"])
  }

  @Test("a CR inside a line is kept; only the one before LF ends it")
  func innerCarriageReturn() {
    #expect(ListFile.lines(of: "a\rb\r\nc") == ["a\rb", "c"])
  }

  @Test("a byte-order mark later in the file is part of the id")
  func laterMark() {
    #expect(ListFile.lines(of: "a\n\u{FEFF}b\n") == ["a", "\u{FEFF}b"])
  }
}
