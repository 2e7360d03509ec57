// ssl-quality · ReadmeExamplesTests.swift — the README's walk-through, run as written.

import Foundation
import Testing
import TestSupport

/// One `$ command` of a README example and the output printed under it.
struct ReadmeExample: CustomStringConvertible {
  var command: String
  var output: String
  var description: String { command }
}

/// The README's examples: the fenced block right after each `<!-- example -->` line.
///
/// In a block, a line starting with `$ ` begins a command, continued on the next line while
/// a line ends in `\`; the lines up to the next command or the block's end are its output
/// (stdout and stderr as a terminal shows them).
enum ReadmeExamples {
  static let marker = "<!-- example -->"

  static func parse(_ text: String) -> [ReadmeExample] {
    var examples: [ReadmeExample] = []
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)[...]
    while let index = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == marker }) {
      lines = lines[(index + 1)...]
      guard let open = lines.first, open.hasPrefix("```") else { continue }
      lines = lines.dropFirst()
      var block: [String] = []
      while let line = lines.first, !line.hasPrefix("```") {
        block.append(line)
        lines = lines.dropFirst()
      }
      examples += examplesOfBlock(block)
    }
    return examples
  }

  private static func examplesOfBlock(_ block: [String]) -> [ReadmeExample] {
    var examples: [ReadmeExample] = []
    var continued = false
    for line in block {
      if continued, var last = examples.popLast() {
        last.command += "\n" + line
        continued = line.hasSuffix("\\")
        examples.append(last)
      } else if line.hasPrefix("$ ") {
        examples.append(ReadmeExample(command: String(line.dropFirst(2)), output: ""))
        continued = line.hasSuffix("\\")
      } else if var last = examples.popLast() {
        last.output += line + "\n"
        examples.append(last)
      }
    }
    return examples
  }

  /// `text` with what changes from run to run masked: durations and rates (`0.12 s`, `12 ms`,
  /// `4.7 GB/s`) and the temporary directory the examples run in; trailing spaces of a line
  /// are dropped, as editors drop them from the README.
  static func masked(_ text: String, directory: String) -> String {
    text.replacingOccurrences(of: directory, with: "<tmp>")
      .replacing(#/[0-9]+(\.[0-9]+)? ?(ms|s|[kMG]B/s)\b/#, with: "<time>")
      .replacing(#/ +\n/#, with: "\n")
  }

  /// The shell line that runs `command` with `ssl-quality` meaning the built executable,
  /// stderr joined to stdout.
  static func shellLine(_ command: String, executable: String) -> String {
    let quoted = "'" + executable.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    let line = command.hasPrefix("ssl-quality ") ? quoted + command.dropFirst("ssl-quality".count) : command
    return "{ " + line + "\n} 2>&1"
  }
}

@Suite("README examples")
struct ReadmeExamplesTests {
  static let readme = Fixtures.root.appendingPathComponent("README.md")

  @Test("the walk-through's examples are found") func found() throws {
    let examples = ReadmeExamples.parse(try String(contentsOf: Self.readme, encoding: .utf8))
    #expect(examples.count >= 5)
    #expect(examples.contains { $0.command.hasPrefix("ssl-quality score") })
  }

  @Test("every example prints what the README shows") func outputs() throws {
    let examples = ReadmeExamples.parse(try String(contentsOf: Self.readme, encoding: .utf8))
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    // The examples name `fixtures/…` and write under the directory they run in.
    try FileManager.default.createSymbolicLink(
      atPath: scratch.file("fixtures"), withDestinationPath: Fixtures.root.appendingPathComponent("fixtures").path)
    for example in examples {
      let line = ReadmeExamples.shellLine(example.command, executable: CLI.executable)
      let result = try runProcess("/bin/sh", ["-c", line], directory: scratch.path)
      let printed = ReadmeExamples.masked(result.stdout, directory: scratch.path)
      let expected = ReadmeExamples.masked(example.output, directory: scratch.path)
      #expect(printed == expected, "\(example.command)")
    }
  }

  @Test("masking hides durations and the temporary directory only")
  func masking() {
    let text = "  0.60 s\n12 ms  7.2 GB/s\nwrote /tmp/x/a.npy\n2000 samples, 3 seeds  \n"
    #expect(ReadmeExamples.masked(text, directory: "/tmp/x") == "  <time>\n<time>  <time>\nwrote <tmp>/a.npy\n2000 samples, 3 seeds\n")
  }

  @Test("a block's commands, continuation lines and outputs are told apart")
  func parsing() {
    let text = """
      intro
      <!-- example -->
      ```
      $ ssl-quality inspect a.npy \\
          b.npy
      a.npy
        npy
      $ head -1 x.csv
      id
      ```
      ```
      $ not an example
      ```
      """
    let examples = ReadmeExamples.parse(text)
    #expect(examples.map(\.command) == ["ssl-quality inspect a.npy \\\n    b.npy", "head -1 x.csv"])
    #expect(examples.map(\.output) == ["a.npy\n  npy\n", "id\n"])
  }
}
