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

  @Test("--from reads the JSON result of every command, each table stating its file, SHA-256 and command; the warnings are score's")
  func fromEveryKind() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let digits = [
      "--train", "fixtures/probe/digits_train.npy", "--train-labels", "fixtures/probe/digits_train_labels.npy", "--test",
      "fixtures/probe/digits_test.npy", "--test-labels", "fixtures/probe/digits_test_labels.npy",
    ]
    let commands: [(String, [String])] = [
      ("score", ["score", "fixtures/random/test.npy", "--labels", "fixtures/demo/test_labels.npy", "--predictions", "fixtures/demo/test_predictions.npy"]),
      ("probe", ["probe"] + digits),
      ("compress", ["compress"] + digits + ["--fractions", "0.5,1.0", "--seeds", "2", "--max-iter", "100"]),
      ("keep", ["compress"] + digits + ["--keep", "0.25", "--out", scratch.file("kept")]),
      ("calibrate", ["calibrate", "fixtures/random/test.npy"]),
      ("spectrum", ["spectrum", "fixtures/widths/random128.npy"]),
      ("compare", ["compare", "fixtures/demo/test.npy", "fixtures/random/test.npy", "--names", "simclr,random"]),
    ]
    for (name, arguments) in commands {
      let run = try CLI.run(arguments + ["--json-out", scratch.file("\(name).json")])
      #expect(run.status == 0, "\(name): \(run.stderr)")
    }
    let finetune = try CLI.run([
      "finetune", "--views", "fixtures/finetune/view0.npy", "fixtures/finetune/view1.npy", "--train", "fixtures/finetune/train.npy",
      "--train-labels", "fixtures/finetune/train_labels.npy", "--test", "fixtures/finetune/test.npy", "--test-labels",
      "fixtures/finetune/test_labels.npy", "--epochs", "1", "--batch-size", "64", "--control", "--out", scratch.file("tuned"),
    ])
    #expect(finetune.status == 0, "\(finetune.stderr)")
    let saved = commands.map { scratch.file("\($0.0).json") } + [scratch.file("tuned/finetune.json")]
    let run = try CLI.run(["report", "--from"] + saved + ["--html", scratch.file("r.html")])
    #expect(run.status == 0, "\(run.stderr)")
    let html = try String(contentsOfFile: scratch.file("r.html"), encoding: .utf8)
    for (path, command) in zip(saved, ["score", "probe", "compress", "compress", "calibrate", "spectrum", "compare", "finetune"]) {
      let digest = String(try runProcess("/usr/bin/sha256sum", [path]).stdout.prefix(64))
      #expect(html.contains("from \(path), written by ssl-quality \(command); SHA-256 \(digest)"), "\(path) without its provenance")
    }
    for title in ["Q-Score of score", "Probe of probe", "Compression of compress", "Compression curve of compress", "Kept features of keep",
      "ε calibration of calibrate", "Spectrum of spectrum", "Comparison", "Fine-tuning of finetune"]
    {
      #expect(html.contains("<h2>\(title)</h2>"), "no table \(title)")
    }
    // The score section says where Dset came from and carries score's own warnings (|Dset| = 2 is tiny).
    #expect(html.contains("Dset fitted on fixtures/random/test.npy (2000 samples; the analysed matrix itself)"))
    #expect(html.contains("score: only 2 discriminative features") && html.contains("random: only 2 discriminative features"))
    // Figures: compression curve, calibration, spectrum, the comparison's two, fine-tuning history.
    #expect(Self.figureCount(html) == 6)
    // A computed comparison carries every representation's warnings: no "0 warnings" when score would warn.
    let compared = try CLI.run(["report", "fixtures/demo/test.npy", "fixtures/random/test.npy", "--names", "simclr,random", "--html", scratch.file("c.html")])
    #expect(compared.status == 0 && compared.stdout.hasSuffix("3 warnings\n"), "\(compared.stdout)")
    #expect(try String(contentsOfFile: scratch.file("c.html"), encoding: .utf8).contains("random: only 2 discriminative features"))
  }

  @Test("--from with a JSON that is not a result, a corrupt one, or a result missing a field: exit 2 naming the file, nothing written")
  func fromBad() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    #expect(try CLI.run(["score", "fixtures/random/test.npy", "--json-out", scratch.file("score.json")]).status == 0)
    let score = try String(contentsOfFile: scratch.file("score.json"), encoding: .utf8)
    try "{\"hello\": 1}".write(toFile: scratch.file("unknown.json"), atomically: true, encoding: .utf8)
    try String(score.prefix(score.count / 2)).write(toFile: scratch.file("corrupt.json"), atomically: true, encoding: .utf8)
    try score.replacingOccurrences(of: "\"discriminative_count\":", with: "\"discriminative_total\":")
      .write(toFile: scratch.file("broken.json"), atomically: true, encoding: .utf8)
    let expected = [
      "unknown.json": "is not the JSON result of score, probe, compress, finetune, spectrum, calibrate or compare",
      "corrupt.json": "is not a JSON object", "broken.json": "looks like a score result but cannot be read",
    ]
    for (file, message) in expected {
      let run = try CLI.run(["report", "--from", scratch.file("score.json"), scratch.file(file), "--html", scratch.file("r.html")])
      #expect(run.status == 2 && run.stderr.contains(scratch.file(file)) && run.stderr.contains(message), "\(file): \(run.stderr)")
      #expect(run.stderr.split(separator: "\n").count == 1 && !FileManager.default.fileExists(atPath: scratch.file("r.html")))
    }
  }
}
