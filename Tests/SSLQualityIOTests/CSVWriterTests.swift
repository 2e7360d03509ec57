// ssl-quality · CSVWriterTests.swift — RFC 4180 quoting and the spreadsheet-formula rule.

import Testing

@testable import SSLQualityIO

@Suite("CSV writer")
struct CSVWriterTests {
  @Test(
    "text beginning with = + - @ tab or CR gets a leading quote; numbers and other text do not",
    arguments: [
      ("=1+2", "'=1+2"), ("+A1", "'+A1"), ("-A1", "'-A1"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("-1.5", "-1.5"),
      ("-inf", "-inf"), ("+3", "+3"), ("1e-5", "1e-5"), ("a=b", "a=b"), ("", ""), ("=a,b", "\"'=a,b\""),
    ])
  func neutralised(_ value: String, _ written: String) {
    #expect(CSVWriter.field(value, raw: false) == written)
  }

  @Test("raw writes every field verbatim, quoting only as RFC 4180 requires")
  func raw() {
    #expect(CSVWriter.render(header: ["id"], rows: [["=1+2"], ["@x,y"]], raw: true) == "id\n=1+2\n\"@x,y\"\n")
  }

  @Test("a CRLF inside a field is quoted (\"\\r\\n\" is one Character)")
  func crlfQuoted() {
    #expect(CSVWriter.field("a\r\nb", raw: true) == "\"a\r\nb\"")
  }
}
