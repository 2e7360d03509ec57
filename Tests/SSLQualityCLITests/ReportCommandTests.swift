// ssl-quality · ReportCommandTests.swift — `report` end to end, opened in headless Chromium.

import Dispatch
import Foundation
import Testing
import TestSupport

@testable import SSLQualityIO

@Suite("report command", .serialized)
struct ReportCommandTests {
  static let demo = [
    "fixtures/demo/test.npy", "--labels", "fixtures/demo/test_labels.npy", "--predictions", "fixtures/demo/test_predictions.npy",
    "--probabilities", "fixtures/demo/test_probabilities.npy",
  ]

  /// The figures of a page, by their `data-figure` attribute.
  static func figureCount(_ html: String) -> Int { html.components(separatedBy: "<figure data-figure=").count - 1 }

  /// Figure bands of `height` pixels, one per figure, in a screenshot: the share of
  /// non-white pixels in each.
  static func inkShares(_ screenshot: String, bands: Int, height: Int) throws -> [Double] {
    let image = try ImageFile.load(screenshot)
    return (0..<bands).map { band in
      var ink = 0, total = 0
      for y in (band * height)..<min(image.height, (band + 1) * height) {
        for x in 0..<image.width {
          total += 1
          if image[x, y] < 0.85 { ink += 1 }
        }
      }
      return total > 0 ? Double(ink) / Double(total) : 0
    }
  }

  @Test("the page is self-contained; every figure is present and drawn in a headless Chromium screenshot")
  func browser() throws {
    guard HeadlessChromium.executable != nil else {
      Issue.record("chromium is not installed; `make test` installs it")
      return
    }
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let run = try CLI.run(["report"] + Self.demo + ["--html", scratch.file("report.html")])
    #expect(run.status == 0, "\(run.stderr)")
    let html = try String(contentsOfFile: scratch.file("report.html"), encoding: .utf8)
    let figures = Self.figureCount(html)
    #expect(figures == 4 && html.components(separatedBy: "<svg").count - 1 == figures)
    let external = html.replacingOccurrences(of: "url(#", with: "")  // references inside the page are fine
    for forbidden in ["<script", "<link", "src=", "@import", "url(", "href="] { #expect(!external.contains(forbidden), "page references \(forbidden)") }
    #expect(html.contains("url(#figure1-plot0)") && !html.contains("url(#plot"), "clip paths are not unique in the page")

    // The same page, its figures stacked in fixed bands, plus one empty figure as the
    // blank control; and a page that loads an image from the network as the network control.
    let band = 460
    var style = "<style>body>*:not(figure){display:none !important} body{margin:0} "
    style += "figure[data-figure]{position:absolute;left:0;margin:0;width:1000px;height:\(band - 10)px;overflow:hidden} figcaption{display:none} "
    for k in 0...figures { style += "figure[data-figure=\"\(k)\"]{top:\(k * band)px} " }
    style += "</style>"
    let blank = "<figure data-figure=\"\(figures)\"><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"560\" height=\"380\"></svg></figure>"
    let staged = html.replacingOccurrences(of: "</head>", with: style + "</head>").replacingOccurrences(of: "</body>", with: blank + "</body>")
    try staged.write(toFile: scratch.file("staged.html"), atomically: true, encoding: .utf8)
    try "<!doctype html><html><body><img src=\"http://example.invalid/x.png\"></body></html>"
      .write(toFile: scratch.file("network.html"), atomically: true, encoding: .utf8)

    nonisolated(unsafe) var captures: [Result<HeadlessChromium.Capture, Error>] = []
    let pages = [(scratch.file("staged.html"), (figures + 1) * band), (scratch.file("network.html"), 200)]
    let lock = NSLock()
    DispatchQueue.concurrentPerform(iterations: pages.count) { index in
      let result = Result { try HeadlessChromium.visit(pages[index].0, width: 1000, height: pages[index].1) }
      lock.withLock { captures.append(result) }
    }
    let visits = try captures.map { try $0.get() }
    let report = try #require(visits.first { $0.screenshot.hasSuffix("staged.screenshot.png") })
    let control = try #require(visits.first { $0.screenshot.hasSuffix("network.screenshot.png") })
    #expect(report.pageRequests.isEmpty, "the report made network requests: \(report.pageRequests)")
    #expect(control.pageRequests == ["http://example.invalid/x.png"], "the network check missed the control page's request")
    let shares = try Self.inkShares(report.screenshot, bands: figures + 1, height: band)
    for k in 0..<figures { #expect(shares[k] > 0.005, "figure \(k) looks blank (\(shares[k]) of its pixels drawn)") }
    #expect(shares[figures] < 0.001, "the blank control figure has ink: the check cannot tell blank from drawn")
  }

  @Test("--from reuses saved spectrum and compare JSON; inputs carry their SHA-256")
  func fromSaved() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    #expect(try CLI.run(["spectrum", "fixtures/spectrum/powerlaw.npy", "--json-out", scratch.file("spectrum.json")]).status == 0)
    #expect(try CLI.run(["compare", "fixtures/demo/test.npy", "fixtures/random/test.npy", "--names", "simclr,random", "--json-out", scratch.file("compare.json")]).status == 0)
    let run = try CLI.run(["report", "--from", scratch.file("spectrum.json"), scratch.file("compare.json"), "--html", scratch.file("r.html")])
    #expect(run.status == 0, "\(run.stderr)")
    let html = try String(contentsOfFile: scratch.file("r.html"), encoding: .utf8)
    #expect(Self.figureCount(html) == 3 && html.contains("simclr") && html.contains("Spectrum of spectrum"))
    let digest = try runProcess("/usr/bin/sha256sum", [scratch.file("compare.json")]).stdout.prefix(64)
    #expect(html.contains(String(digest)))
    let bad = try CLI.run(["report", "--from", "fixtures/score/expected.json", "--html", scratch.file("bad.html")])
    #expect(bad.status == 2 && bad.stderr.contains("fixtures/score/expected.json") && !FileManager.default.fileExists(atPath: scratch.file("bad.html")))
  }
}
