// ssl-quality · InterpretCommandTests.swift — `interpret` end to end, and every bad input it must refuse.

import Foundation
import Testing
import TestSupport

@testable import SSLQuality
@testable import SSLQualityIO

@Suite("interpret command")
struct InterpretCommandTests {
  static let dir = "fixtures/interpret"
  static let salient = [
    "interpret", "--heatmaps", "\(dir)/salient_heatmaps.npy", "--images", "\(dir)/salient_images.txt",
    "--salient-imagenet", "\(dir)/salient", "--mturk", "\(dir)/mturk.csv",
  ]
  static let plain = [
    "interpret", "--heatmaps", "\(dir)/plain/heatmaps", "--images", "\(dir)/plain_images.txt",
    "--core-masks", "\(dir)/plain/core", "--spurious-masks", "\(dir)/plain/spurious",
  ]
  static let correctness = ["--predictions", "\(dir)/salient_predictions.npy", "--labels", "\(dir)/salient_labels.npy"]

  static func expected(_ name: String) -> [String: Any] {
    Fixtures.object("interpret/expected.json")[name] as? [String: Any] ?? [:]
  }

  /// The sharp-edged multi-feature tree (Fortran-order heatmap stack).
  static let sharp = [
    "interpret", "--heatmaps", "\(dir)/salient_sharp_heatmaps.npy", "--images", "\(dir)/salient_sharp_images.txt",
    "--salient-imagenet", "\(dir)/salient_sharp", "--mturk", "\(dir)/mturk_sharp.csv",
  ]

  /// Aggregates of `got` equal the reference's (1e-12; `null` for no pairs).
  static func matches(_ got: [String: Any], _ want: [String: Any]) {
    for key in ["pairs", "core_pairs", "spurious_pairs"] { #expect(got[key] as? Int == want[key] as? Int, "\(key)") }
    for key in ["core_iou", "spurious_iou", "difference", "core_share", "spurious_share"] {
      if let value = want[key] as? Double {
        #expect(abs((got[key] as? Double ?? .nan) - value) <= 1e-12, "\(key)")
      } else {
        #expect(got[key] is NSNull, "\(key)")
      }
    }
  }

  @Test("Salient ImageNet --json: documented keys, aggregates and split by correctness equal the reference")
  func salientJSON() throws {
    let object = try CLI.json(Self.salient + Self.correctness)
    for key in ["images", "pairs", "core_iou", "spurious_iou", "difference", "core_share", "spurious_share", "by_correctness"] {
      #expect(object[key] != nil, "missing \(key)")
    }
    let want = Self.expected("salient")
    #expect(object["images"] as? Int == 10 && object["flat_heatmaps"] as? Int == 1)
    Self.matches(object, want)
    let split = try #require(object["by_correctness"] as? [String: [String: Any]])
    let wantSplit = try #require(want["by_correctness"] as? [String: [String: Any]])
    for side in ["correct", "incorrect"] { Self.matches(try #require(split[side]), try #require(wantSplit[side])) }
    #expect(split["incorrect"]?["images"] as? Int == 3)
    #expect((object["by_feature"] as? [Any])?.isEmpty == true)
    #expect((object["protocol"] as? [String: Any])?["masks"] as? String == "per_image")
  }

  @Test("Salient ImageNet --per-feature: one pair per (image, feature), grouped by feature, equal to the reference")
  func salientPerFeature() throws {
    let object = try CLI.json(Self.salient + Self.correctness + ["--per-feature"])
    let want = Self.expected("salient_per_feature")
    Self.matches(object, want)
    let split = try #require(object["by_correctness"] as? [String: [String: Any]])
    let wantSplit = try #require(want["by_correctness"] as? [String: [String: Any]])
    for side in ["correct", "incorrect"] { Self.matches(try #require(split[side]), try #require(wantSplit[side])) }
    let features = try #require(object["by_feature"] as? [[String: Any]])
    #expect(features.count == 7)
    #expect(features.first?["wnid"] as? String == "n01440764" && features.first?["feature_index"] as? Int == 59)
    #expect(features.map { $0["kind"] as? String ?? "" }.filter { $0 == "spurious" }.count == 3)
  }

  /// Per-pair rows of an `interpret --csv` run keyed by image and kind (and features).
  static func csvPairs(_ arguments: [String]) throws -> [String: (iou: Double, share: Double)] {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let result = try CLI.run(arguments + ["--csv", scratch.file("pairs.csv")])
    #expect(result.status == 0, "\(result.stderr)")
    let table = try CSVTable(contentsOf: scratch.file("pairs.csv"))
    var pairs: [String: (Double, Double)] = [:]
    for record in table.records {
      let f = record.fields
      pairs["\(f[0])/\(f[1])/\(f[4])"] = (Double(f[5]) ?? .nan, Double(f[6]) ?? .nan)
    }
    return pairs
  }

  @Test(
    "sharp-edged masks, several features per image: every image's core and spurious IoU and share, and the means, equal the Pillow reference to 1e-6",
    arguments: [(false, "salient_sharp"), (true, "salient_sharp_per_feature")])
  func sharpTree(perFeature: Bool, name: String) throws {
    let arguments = Self.sharp + (perFeature ? ["--per-feature"] : [])
    let want = Self.expected(name)
    let object = try CLI.json(arguments)
    for key in ["core_iou", "spurious_iou", "difference", "core_share", "spurious_share"] {
      #expect(abs((object[key] as? Double ?? .nan) - (want[key] as? Double ?? .infinity)) <= 1e-6, "\(key)")
    }
    for key in ["pairs", "core_pairs", "spurious_pairs"] { #expect(object[key] as? Int == want[key] as? Int, "\(key)") }
    let got = try Self.csvPairs(arguments)
    let detail = try #require(want["pairs_detail"] as? [[String: Any]])
    #expect(got.count == detail.count)
    for pair in detail {
      let feature = (pair["feature_index"] as? String) ?? (pair["feature_index"] as? Int).map(String.init) ?? ""
      let key = "\(pair["image"] as? String ?? "")/\(pair["kind"] as? String ?? "")/\(feature)"
      let value = try #require(got[key], "no row for \(key)")
      #expect(abs(value.iou - (pair["iou"] as? Double ?? .nan)) <= 1e-6, "\(key) IoU")
      #expect(abs(value.share - (pair["share"] as? Double ?? .nan)) <= 1e-6, "\(key) share")
    }
  }

  @Test("plain layout --json, with and without the crop, equals the reference")
  func plainJSON() throws {
    Self.matches(try CLI.json(Self.plain), Self.expected("plain"))
    Self.matches(try CLI.json(Self.plain + ["--no-crop"]), Self.expected("plain_no_crop"))
    let other = try CLI.json(Self.plain + ["--size", "96", "--heatmap-threshold", "0.3", "--mask-threshold", "0.7"])
    Self.matches(other, Self.expected("plain_size96"))
    #expect((other["protocol"] as? [String: Any])?["heatmap_threshold"] as? Double == 0.3)
  }

  @Test("a heatmap directory without --images uses its ids; --csv and --plot are written")
  func outputs() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let result = try CLI.run([
      "interpret", "--heatmaps", "\(Self.dir)/plain/heatmaps", "--core-masks", "\(Self.dir)/plain/core",
      "--csv", scratch.file("pairs.csv"), "--plot", scratch.file("iou.svg"),
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.hasPrefix("5 images, 5 heatmap/mask pairs"))
    let csv = try String(contentsOfFile: scratch.file("pairs.csv"), encoding: .utf8).split(separator: "\n")
    #expect(csv.first?.hasPrefix("image,kind,wnid,class_index,feature_index,iou,share,") == true)
    #expect(csv.count == 6 && csv[1].hasPrefix("img_a,core,"))
    let svg = try String(contentsOfFile: scratch.file("iou.svg"), encoding: .utf8)
    #expect(svg.hasPrefix("<svg") && svg.contains("IoU with core masks"))
  }

  /// A scratch copy of fixtures/interpret to break.
  static func copy() throws -> ScratchDirectory {
    let scratch = try ScratchDirectory()
    try FileManager.default.copyItem(atPath: Fixtures.path("interpret"), toPath: scratch.file("i"))
    return scratch
  }

  static func salient(in root: String) -> [String] {
    [
      "interpret", "--heatmaps", "\(root)/salient_heatmaps.npy", "--images", "\(root)/salient_images.txt",
      "--salient-imagenet", "\(root)/salient", "--mturk", "\(root)/mturk.csv",
    ]
  }

  @Test("a corrupt JPEG mask exits 2 naming the file, and nothing is written")
  func corruptJPEG() throws {
    let scratch = try Self.copy()
    defer { scratch.remove() }
    let root = scratch.file("i")
    let mask = "\(root)/salient/n01443537/feature_316/cams/n01443537_202.jpeg"
    let bytes = try Data(contentsOf: URL(fileURLWithPath: mask))
    try bytes.prefix(bytes.count / 3).write(to: URL(fileURLWithPath: mask))
    let result = try CLI.run(Self.salient(in: root) + ["--csv", scratch.file("out.csv")])
    #expect(result.status == 2)
    #expect(result.stderr.hasPrefix("ssl-quality: \(mask): corrupt or truncated JPEG"), "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: scratch.file("out.csv")))
  }

  @Test("a missing mask file exits 2 naming it and the listing")
  func missingMask() throws {
    let scratch = try Self.copy()
    defer { scratch.remove() }
    let root = scratch.file("i")
    let mask = "\(root)/salient/n01484850/feature_1697/cams/n01484850_303.jpeg"
    try FileManager.default.removeItem(atPath: mask)
    let result = try CLI.run(Self.salient(in: root))
    #expect(result.status == 2)
    #expect(result.stderr == "ssl-quality: \(mask): no such mask file (listed on line 3 of \(root)/salient/n01484850/image_fnames.csv)\n")
  }

  @Test("an image list that does not match the heatmaps exits 2")
  func mismatchedList() throws {
    let scratch = try Self.copy()
    defer { scratch.remove() }
    let root = scratch.file("i")
    let list = "\(root)/salient_images.txt"
    let lines = try String(contentsOfFile: list, encoding: .utf8).split(separator: "\n")
    try (lines.dropLast().joined(separator: "\n") + "\n").write(toFile: list, atomically: true, encoding: .utf8)
    let result = try CLI.run(Self.salient(in: root))
    #expect(result.status == 2)
    #expect(result.stderr == "ssl-quality: \(list): lists 9 images but \(root)/salient_heatmaps.npy holds 10 heatmaps\n")
    try (lines + [lines[0]]).joined(separator: "\n").write(toFile: list, atomically: true, encoding: .utf8)
    let duplicate = try CLI.run(Self.salient(in: root))
    #expect(duplicate.status == 2 && duplicate.stderr.contains("is listed twice (first on line 1)"))
  }

  @Test("an image of an unknown wnid, and a feature without verdict, exit 2 with file and line")
  func unknownWnid() throws {
    let scratch = try Self.copy()
    defer { scratch.remove() }
    let root = scratch.file("i")
    let list = "\(root)/salient_images.txt"
    var lines = try String(contentsOfFile: list, encoding: .utf8).split(separator: "\n").map(String.init)
    lines[4] = "n09999999_1"
    try lines.joined(separator: "\n").write(toFile: list, atomically: true, encoding: .utf8)
    let unknown = try CLI.run(Self.salient(in: root))
    #expect(unknown.status == 2)
    #expect(unknown.stderr == "ssl-quality: \(list): line 5: image n09999999_1 is not listed in any \(root)/salient/<wnid>/image_fnames.csv\n")

    try FileManager.default.removeItem(atPath: list)
    try FileManager.default.copyItem(atPath: Fixtures.path("interpret/salient_images.txt"), toPath: list)
    let mturk = "\(root)/mturk.csv"
    let kept = try String(contentsOfFile: mturk, encoding: .utf8).replacingOccurrences(of: ",n01443537,", with: ",n01443538,")
    try kept.write(toFile: mturk, atomically: true, encoding: .utf8)
    let noVerdict = try CLI.run(Self.salient(in: root))
    #expect(noVerdict.status == 2)
    #expect(noVerdict.stderr.contains("\(root)/salient/n01443537/image_fnames.csv: line 3: feature 495 of n01443537 has no answers in \(mturk)"), "\(noVerdict.stderr)")
  }

  /// `interpret --heatmaps DIR/heatmaps --core-masks DIR/core [flags]` on one image `x`
  /// whose heatmap and core mask are written there as `.npy` (replacing earlier ones).
  static func interpretOne(heatmap: Matrix, core: Matrix, in scratch: ScratchDirectory, flags: [String] = []) throws -> ProcessResult {
    for (folder, image) in [("heatmaps", heatmap), ("core", core)] {
      try FileManager.default.createDirectory(atPath: scratch.file(folder), withIntermediateDirectories: true)
      try NPYWriter.write(image, to: scratch.file("\(folder)/x.npy"))
    }
    return try CLI.run(["interpret", "--heatmaps", scratch.file("heatmaps"), "--core-masks", scratch.file("core")] + flags)
  }

  @Test("a sliver that would resize to gigabytes without the crop exits 2")
  func sliver() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let sliver = Matrix(rows: 1, columns: 4000, values: (0..<4000).map { Float($0 % 7) / 7 })
    let cropped = try Self.interpretOne(heatmap: sliver, core: sliver, in: scratch)
    #expect(cropped.status == 0, "\(cropped.stderr)")
    let result = try Self.interpretOne(heatmap: sliver, core: sliver, in: scratch, flags: ["--no-crop"])
    #expect(result.status == 2)
    #expect(result.stderr.contains("x.npy: is 4000×1, which resizes to 896000×224 without the crop; too large"), "\(result.stderr)")
  }

  @Test("a heatmap holding NaN, and a .npy mask outside [0, 1], exit 2 naming the file")
  func badValues() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let nan = try Self.interpretOne(
      heatmap: Matrix(rows: 2, columns: 2, values: [0, .nan, 1, 2]), core: Matrix(rows: 2, columns: 2, values: [0, 1, 1, 0]), in: scratch)
    #expect(nan.status == 2)
    #expect(nan.stderr == "ssl-quality: \(scratch.file("heatmaps/x.npy")): the heatmap of image x holds NaN or Inf\n")
    let range = try Self.interpretOne(
      heatmap: Matrix(rows: 2, columns: 2, values: [0, 1, 2, 3]), core: Matrix(rows: 2, columns: 2, values: [0, 255, 255, 0]), in: scratch)
    #expect(range.status == 2)
    #expect(range.stderr == "ssl-quality: \(scratch.file("core/x.npy")): mask values must lie in [0, 1], found 0.0...255.0\n")
  }

  @Test("bad usage and bad inputs exit 2 with a clear message", arguments: [
    (["interpret", "--heatmaps", "\(dir)/salient_heatmaps.npy", "--core-masks", "\(dir)/plain/core"],
     "--images is required when --heatmaps is an array"),
    (["interpret", "--heatmaps", "\(dir)/plain/heatmaps"], "give --core-masks and/or --spurious-masks, or --salient-imagenet with --mturk"),
    (plain + ["--salient-imagenet", "\(dir)/salient", "--mturk", "\(dir)/mturk.csv"], "give --core-masks and/or --spurious-masks, or --salient-imagenet"),
    (["interpret", "--heatmaps", "\(dir)/plain/heatmaps", "--salient-imagenet", "\(dir)/salient"], "--salient-imagenet and --mturk go together"),
    (plain + ["--heatmap-threshold", "1.5"], "--heatmap-threshold must lie in [0, 1], got 1.5"),
    (plain + ["--size", "0"], "--size must lie in 1...8192, got 0"),
    (["interpret", "--heatmaps", "\(dir)/salient_labels.npy", "--images", "\(dir)/salient_images.txt", "--core-masks", "\(dir)/plain/core"],
     "\(dir)/salient_labels.npy: expected heatmaps of shape [N, H, W], found int64 shape (10,)"),
    (["interpret", "--heatmaps", "\(dir)/plain/heatmaps", "--images", "\(dir)/plain_images.txt", "--core-masks", "\(dir)/salient"],
     "\(dir)/salient: no core mask for image img_c (line 1 of \(dir)/plain_images.txt)"),
    (["interpret", "--heatmaps", "\(dir)/plain/heatmaps", "--images", "\(dir)/salient_images.txt", "--core-masks", "\(dir)/plain/core"],
     "\(dir)/plain/core: no core mask for image"),
    (salient + ["--predictions", "\(dir)/plain_images.txt", "--labels", "\(dir)/salient_labels.npy"], "\(dir)/plain_images.txt: not a .npy"),
    (salient + ["--predictions", "fixtures/demo/test_labels.npy", "--labels", "\(dir)/salient_labels.npy"],
     "fixtures/demo/test_labels.npy: has 2000 labels but \(dir)/salient_images.txt has 10 rows"),
    (["interpret", "--heatmaps", "\(dir)/plain/heatmaps", "--salient-imagenet", "\(dir)/plain", "--mturk", "\(dir)/mturk.csv"],
     "\(dir)/plain: holds no <wnid>/image_fnames.csv"),
  ])
  func badInput(arguments: [String], message: String) throws {
    let result = try CLI.run(arguments)
    #expect(result.status == 2, "\(result.stderr)")
    #expect(result.stderr.contains(message), "\(result.stderr)")
    #expect(result.stdout.isEmpty)
  }
}
