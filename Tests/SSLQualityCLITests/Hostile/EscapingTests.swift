// ssl-quality · EscapingTests.swift — ids, names and paths with control characters or formula prefixes:
// escaped on the terminal and in SVG, neutralised in CSV (unless --raw-csv).

import Foundation
import Testing
import TestSupport

#if canImport(FoundationXML)
  import FoundationXML
#endif

@Suite("hostile inputs: escaping")
struct EscapingTests {
  /// 40 ids for `small.npy`: an ESC sequence, formula prefixes, a comma, a plain id.
  static let ids = ["\u{1B}]0;pwned\u{7}x", "=HYPERLINK(\"http://e\")", "+1+2", "-2+3", "@SUM(A1)", "a,b", "-1.5"]
    + (7..<40).map { "id\($0)" }

  static func writeIDs(_ scratch: ScratchDirectory) throws -> String {
    try scratch.write("ids.txt", Array((ids.joined(separator: "\n") + "\n").utf8))
  }

  @Test("score --lowest shows ids with their control characters escaped, never raw")
  func lowestEscaped() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let run = try CLI.run(["score", Fixtures.path("hostile/small.npy"), "--ids", try Self.writeIDs(scratch), "--lowest", "40"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(!run.stdout.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{7}" })
    #expect(run.stdout.contains("\\u{1B}]0;pwned\\u{7}x"))
  }

  @Test("CSV: formula prefixes neutralised with a quote, numbers and plain ids unchanged; --raw-csv writes them verbatim")
  func csvNeutralised() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let ids = try Self.writeIDs(scratch)
    for raw in [false, true] {
      let table = scratch.file("t\(raw).csv")
      let run = try CLI.run(["score", Fixtures.path("hostile/small.npy"), "--ids", ids, "--table", table] + (raw ? ["--raw-csv"] : []))
      #expect(run.status == 0, "\(run.stderr)")
      // The id is the first column; a quoted one is read up to its first quote.
      let ids = try String(contentsOfFile: table, encoding: .utf8).split(separator: "\n").dropFirst().map { line in
        line.hasPrefix("\"") ? String(line.dropFirst().prefix { $0 != "\"" }) : String(line.prefix { $0 != "," })
      }
      let lookup = { (prefix: String) in ids.first { $0.contains(prefix) } ?? "" }
      #expect(lookup("HYPERLINK") == (raw ? "=HYPERLINK(" : "'=HYPERLINK("))
      #expect(lookup("1+2") == (raw ? "+1+2" : "'+1+2"))
      #expect(lookup("2+3") == (raw ? "-2+3" : "'-2+3"))
      #expect(lookup("SUM") == (raw ? "@SUM(A1)" : "'@SUM(A1)"))
      #expect(lookup("1.5") == "-1.5")
      #expect(lookup("id39") == "id39")
    }
  }

  /// Parses `text` as XML; the error, if any.
  static func xmlError(_ text: String) -> Error? {
    let parser = XMLParser(data: Data(text.utf8))
    return parser.parse() ? nil : parser.parserError ?? CocoaError(.coderReadCorrupt)
  }

  @Test("a control character in --names or a file name leaves the --plot SVG valid XML, shown as \\u{XX}")
  func svgValid() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let odd = scratch.file("odd\u{1B}[31m\u{1}.npy")
    try FileManager.default.copyItem(atPath: Fixtures.path("hostile/small.npy"), toPath: odd)
    let small = Fixtures.path("hostile/small.npy")
    for (arguments, shown) in [
      (["compare", small, small, "--names", "a\u{1B}[2Jb,c\u{8}d"], "a\\u{1B}[2Jb"),
      (["features", odd], "odd\\u{1B}[31m\\u{1}.npy"),
    ] {
      let plot = scratch.file("p.svg")
      let run = try CLI.run(arguments + ["--plot", plot])
      #expect(run.status == 0, "\(run.stderr)")
      let svg = try String(contentsOfFile: plot, encoding: .utf8)
      #expect(Self.xmlError(svg) == nil, "\(arguments[0]): \(String(describing: Self.xmlError(svg)))")
      #expect(svg.contains(shown), "\(arguments[0])")
    }
  }
}
