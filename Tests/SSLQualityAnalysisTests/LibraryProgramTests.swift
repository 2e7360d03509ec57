// ssl-quality · LibraryProgramTests.swift — a separate program built against the library scores a file.

import Foundation
import SSLQualityAnalysis
import TestSupport
import Testing

/// `score-example` (Examples/ScoreExample) is built from its own module against the
/// library's public API only; if that API breaks, the build of the test suite breaks. Here it
/// runs and must report what the library reports in-process.
@Suite struct LibraryProgramTests {
  static let executable: String = {
    let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    return directory.appendingPathComponent("score-example").path
  }()

  @Test func scoresTheDemoTestSplit() throws {
    let result = try runProcess(Self.executable, [Fixtures.path("demo/test.npy"), "2"], directory: Fixtures.root.path)
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    try #require(lines.count == 2)
    var analysis = ScoreAnalysis(embeddings: Fixtures.path("demo/test.npy"))
    analysis.epsilon = 2
    var expected = try analysis.run(context: .serial, notices: .silent).result
    #expect(lines[0] == "|Dset| = \(expected.discriminativeCount), Q = 0 for \(expected.emptyCount) of \(expected.samples), mean Q \(expected.q.mean)")
    var printed = try ResultJSON.decode(ScoreResult.self, from: Data(lines[1].utf8))
    (printed.seconds, expected.seconds) = (0, 0)
    #expect(printed == expected)
  }

  @Test func badInputExitsTwo() throws {
    let result = try runProcess(Self.executable, ["missing.npy"], directory: Fixtures.root.path)
    #expect(result.status == 2 && result.stdout.isEmpty)
  }
}
