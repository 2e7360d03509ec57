// ssl-quality · CSVReaderTests.swift — RFC 4180 parsing with line numbers.

import Testing

@testable import SSLQualityIO

@Suite("CSV reader")
struct CSVReaderTests {
  @Test("quoted commas, line breaks and doubled quotes; CRLF; blank lines; records keep their line")
  func quoting() throws {
    let text = "a,b,c\r\n1,\"x, y\",3\r\n\n2,\"two\nlines\",\"say \"\"hi\"\"\"\n3,,\"\"\n"
    let table = try CSVTable(parsing: text, name: "t.csv")
    #expect(table.header == ["a", "b", "c"])
    #expect(table.records.map(\.fields) == [["1", "x, y", "3"], ["2", "two\nlines", "say \"hi\""], ["3", "", ""]])
    #expect(table.records.map(\.line) == [2, 4, 6])
  }

  @Test("a last record without a newline, and a byte-order mark, are read")
  func endings() throws {
    let table = try CSVTable(parsing: "\u{FEFF}x,y\n1,2", name: "t.csv")
    #expect(table.header == ["x", "y"] && table.records.map(\.fields) == [["1", "2"]])
  }

  @Test("an unclosed quote names the line it starts on; an empty file is an error")
  func errors() {
    #expect(throws: InputError("t.csv", "line 3: a quoted field is not closed")) {
      try CSVTable(parsing: "a\n1\n\"open\n2\n", name: "t.csv")
    }
    #expect(throws: InputError("t.csv", "the CSV file is empty")) { try CSVTable(parsing: "\n\n", name: "t.csv") }
  }

  @Test("missing columns are listed")
  func missingColumns() throws {
    let table = try CSVTable(parsing: "a,b\n1,2\n", name: "t.csv")
    #expect(try table.columnIndices(["b", "a"]) == [1, 0])
    #expect(throws: InputError("t.csv", "line 1: missing columns c, d")) { try table.columnIndices(["a", "c", "d"]) }
  }
}
