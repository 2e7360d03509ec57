// ssl-quality · SpectrumCommandTests.swift — `spectrum` end to end.

import Foundation
import Testing
import TestSupport

@testable import SSLQualityIO

@Suite("spectrum command")
struct SpectrumCommandTests {
  nonisolated(unsafe) static let expected = Fixtures.object("spectrum/expected.json")

  @Test("--json has the documented keys and the numpy values; same bytes for any --threads") func schema() throws {
    // With two views of the same shape, so that their products are compared too.
    let arguments = ["spectrum", "fixtures/demo/test.npy", "--json", "--views", "fixtures/demo/test.npy", "fixtures/random/test.npy"]
    let one = try CLI.run(arguments + ["--threads", "1"]), two = try CLI.run(arguments + ["--threads", "2"])
    #expect(one.status == 0 && one.stdout == two.stdout)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as? [String: Any])
    for key in ["rankme", "rankme_centered", "alpha", "alpha_range", "effective_rank", "dead_features", "collapse_std", "collapse_reference", "eigenvalues"] {
      #expect(object[key] != nil, "missing \(key)")
    }
    let want = try #require(Self.expected["demo"] as? [String: Any])
    let rankme = try #require(object["rankme"] as? Double), reference = try #require(want["rankme"] as? Double)
    #expect(abs(rankme - reference) <= 1e-6 * reference)
    #expect(object["alpha_range"] as? [Int] == [6, 100])
  }

  @Test("--views, --alpha-range, --eigenvalues-out and --plot") func outputs() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let object = try CLI.json([
      "spectrum", "fixtures/spectrum/powerlaw.npy", "--alpha-range", "2:20", "--eigenvalues-out", scratch.file("eig.npy"),
      "--plot", scratch.file("s.svg"), "--views", "fixtures/spectrum/views_a.npy", "fixtures/spectrum/views_b.npy",
    ])
    let want = try #require(Self.expected["powerlaw"] as? [String: Any])
    let narrow = try #require(want["alpha_2_20"] as? [String: Any])
    #expect(abs((object["alpha"] as? Double ?? 0) - (narrow["alpha"] as? Double ?? 1)) < 1e-6)
    let views = try #require(object["views"] as? [String: Double])
    let wantViews = try #require(Self.expected["views"] as? [String: Double])
    #expect(abs((views["alignment"] ?? 0) - (wantViews["alignment"] ?? 1)) < 1e-6)
    let eigenvalues = try ArrayFile.open(scratch.file("eig.npy")).doubles()
    let listed = try #require(object["eigenvalues"] as? [Double])
    #expect(eigenvalues.count == 64 && listed.count == 64)
    for (a, b) in zip(eigenvalues, listed) { #expect(abs(a - b) <= 1e-14 * abs(b)) }
    #expect(try String(contentsOfFile: scratch.file("s.svg"), encoding: .utf8).contains("<polyline"))
  }

  @Test("bad input: exit 2, one line naming the file, no output") func badInput() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let result = try CLI.run([
      "spectrum", "fixtures/spectrum/powerlaw.npy", "--views", "fixtures/spectrum/views_a.npy", "fixtures/demo/test.npy",
      "--json-out", scratch.file("r.json"),
    ])
    #expect(result.status == 2 && result.stderr.contains("fixtures/demo/test.npy") && scratch.contents().isEmpty)
    #expect(try CLI.run(["spectrum", "fixtures/demo/test.npy", "--alpha-range", "5:3"]).status == 2)
  }
}
