// ssl-quality · CommaListTests.swift — every comma-list option reads its items one way and names a bad one.

import Foundation
import Testing
import TestSupport

@Suite("comma-list options")
struct CommaListTests {
  static let small = "fixtures/hostile/small.npy"

  @Test("a bad item: exit 2, the flag and the item named, nothing written", arguments: [
    (["compare", small, small, "--fractions", "0.5,x"], "'--fractions <fractions>': item 2, 'x', is not a number"),
    (["compress", "--train", small, "--train-labels", small, "--test", small, "--test-labels", small, "--fractions", "1,,0.5"],
     "'--fractions <fractions>': item 2, '', is not a number"),
    (["calibrate", small, "--epsilons", "1,2e"], "'--epsilons <epsilons>': item 2, '2e', is not a number"),
    (["report", small, small, "--fractions", "x", "--html", "$S/r.html"], "'--fractions <fractions>': item 1, 'x', is not a number"),
  ])
  func badItem(_ arguments: [String], _ message: String) throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let run = try CLI.run(arguments.map { $0.replacingOccurrences(of: "$S", with: scratch.path) } + ["--json-out", scratch.file("r.json")])
    #expect(run.status == 2 && run.stdout.isEmpty && scratch.contents().isEmpty)
    #expect(run.stderr.contains(message), "\(run.stderr)")
  }

  @Test("numbers may have spaces around them; names are kept as given, empty ones too")
  func items() throws {
    let calibration = try CLI.json(["calibrate", Self.small, "--epsilons", "0.5, 1"])
    #expect((calibration["rows"] as? [[String: Any]])?.map { $0["epsilon"] as? Double } == [0.5, 1])
    let comparison = try CLI.json(["compare", Self.small, Self.small, Self.small, "--names", " a,,c"])
    #expect((comparison["rows"] as? [[String: Any]])?.map { $0["name"] as? String } == [" a", "", "c"])
  }

  @Test("a kept fraction outside (0, 1] is refused, naming it", arguments: ["compare", "report"])
  func fractionRange(_ command: String) throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let run = try CLI.run([command, Self.small, Self.small, "--fractions", "0.5,1.5"] + (command == "report" ? ["--html", scratch.file("r.html")] : []))
    #expect(run.status == 2 && run.stderr.hasPrefix("ssl-quality: --fractions must lie in (0, 1], got 1.5\n"), "\(run.stderr)")
  }
}
