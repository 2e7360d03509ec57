// ssl-quality · NameCountTests.swift — `--names` with fewer (or more) names than representations is refused in plain words.

import Testing
import TestSupport

@Suite("hostile inputs: --names of the wrong length")
struct NameCountTests {
  @Test("report and compare with one name for two inputs exit 2 before any work", arguments: ["report", "compare"])
  func fewerNames(_ command: String) throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let small = Fixtures.path("hostile/small.npy")
    let run = try MeasuredRun(
      CLI.executable, [command, small, small, "--names", "a"] + (command == "report" ? ["--html", scratch.file("r.html")] : []),
      directory: Fixtures.root.path)
    #expect(run.status == 2, "\(run.stderr)")
    #expect(run.stderr == "ssl-quality: --names lists 1 name for 2 representations\nsee 'ssl-quality \(command) --help'\n")
    #expect(run.stdout.isEmpty)
    #expect(scratch.contents().isEmpty)
  }
}
