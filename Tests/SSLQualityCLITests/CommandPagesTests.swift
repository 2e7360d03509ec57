// ssl-quality · CommandPagesTests.swift — each command's page in docs/commands shows the --help the binary prints.

import Foundation
import Testing
import TestSupport

/// Each `docs/commands/<command>.md` quotes `ssl-quality <command> --help` in the first code
/// block under `## Flags`; this keeps the quote equal to what the binary prints. After a
/// deliberate change, rewrite the quotes with `SSLQ_UPDATE_GOLDEN=1 swift test --filter
/// CommandPagesTests` and review the diff.
@Suite("command pages")
struct CommandPagesTests {
  static let folder = Fixtures.root.appendingPathComponent("docs/commands")

  static let commands: [String] = {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".md") }.map { String($0.dropLast(3)) }.sorted()
  }()

  /// The lines of `page`, and the range of the lines inside the first fenced block after `## Flags`.
  static func helpBlock(_ page: String) -> (lines: [Substring], block: Range<Int>)? {
    let lines = page.split(separator: "\n", omittingEmptySubsequences: false)
    guard let flags = lines.firstIndex(of: "## Flags"),
      let open = lines[flags...].firstIndex(where: { $0.hasPrefix("```") }),
      let close = lines[(open + 1)...].firstIndex(where: { $0.hasPrefix("```") })
    else { return nil }
    return (lines, (open + 1)..<close)
  }

  @Test("every command has a page")
  func everyCommand() throws {
    let help = try CLI.run(["--help"]).stdout
    // A subcommand's line starts with two spaces and its name; its description may wrap onto indented lines.
    let listed = help.split(separator: "\n", omittingEmptySubsequences: false).drop { !$0.hasPrefix("SUBCOMMANDS:") }.dropFirst()
      .prefix { !$0.isEmpty }.filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }
      .compactMap { $0.split(separator: " ").first.map(String.init) }.filter { $0 != "help" }
    let same = Set(listed) == Set(Self.commands)
    #expect(same, "subcommands \(listed.sorted()), pages \(Self.commands)")
  }

  @Test("the page's flags are the binary's --help", arguments: commands)
  func flags(command: String) throws {
    let url = Self.folder.appendingPathComponent(command + ".md")
    let page = try String(contentsOf: url, encoding: .utf8)
    let block = try #require(Self.helpBlock(page), "docs/commands/\(command).md has no code block under ## Flags")
    let help = try CLI.run([command, "--help"])
    #expect(help.status == 0)
    var expected = help.stdout.split(separator: "\n", omittingEmptySubsequences: false)
    while expected.last?.isEmpty == true { expected.removeLast() }
    let quoted = Array(block.lines[block.block])
    if ProcessInfo.processInfo.environment["SSLQ_UPDATE_GOLDEN"] == "1", quoted != expected {
      var lines = block.lines
      lines.replaceSubrange(block.block, with: expected)
      try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
      return
    }
    let first = (0..<min(quoted.count, expected.count)).first { quoted[$0] != expected[$0] } ?? min(quoted.count, expected.count)
    let same = quoted == expected
    #expect(
      same,
      """
      docs/commands/\(command).md quotes another --help from its line \(block.block.lowerBound + first + 1) \
      (quoted: \(first < quoted.count ? quoted[first] : "nothing"); printed: \(first < expected.count ? expected[first] : "nothing")); \
      rewrite it with SSLQ_UPDATE_GOLDEN=1 swift test --filter CommandPagesTests
      """)
  }
}
