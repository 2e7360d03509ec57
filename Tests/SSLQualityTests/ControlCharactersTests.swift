// ssl-quality · ControlCharactersTests.swift — control characters made visible, others untouched.

import SSLQuality
import Testing

@Suite("control characters")
struct ControlCharactersTests {
  @Test("C0, DEL and C1 become \\u{XX}; text, tabs' neighbours and non-ASCII letters stay")
  func escaped() {
    #expect(ControlCharacters.escaped("a\u{1B}[31mb\u{0}c\u{7F}d\u{85}é→") == "a\\u{1B}[31mb\\u{0}c\\u{7F}d\\u{85}é→")
    #expect(ControlCharacters.escaped("plain text") == "plain text")
  }

  @Test("kept characters pass through: a summary keeps its line breaks, not a CR")
  func kept() {
    #expect(ControlCharacters.escaped("a\nb\r\nc", keeping: ["\n"]) == "a\nb\\u{D}\nc")
  }
}
