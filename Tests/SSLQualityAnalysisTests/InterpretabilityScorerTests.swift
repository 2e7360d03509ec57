// ssl-quality · InterpretabilityScorerTests.swift — every (image, mask) pair against the numpy + Pillow reference.

import Foundation
import Testing
import TestSupport

@testable import SSLQuality
@testable import SSLQualityIO
@testable import SSLQualityAnalysis

/// fixtures/interpret/, written by fixtures/make_interpret_fixtures.py.
enum InterpretFixtures {
  static func path(_ name: String) -> String { Fixtures.path("interpret/" + name) }

  nonisolated(unsafe) static let expected = Fixtures.object("interpret/expected.json")

  static func salient(
    _ tree: String = "salient", mturk: String = "mturk.csv", perFeature: Bool = false
  ) throws -> (HeatmapSource, ImageList, [[MaskReference]]) {
    let layout = try MaskLayout.open(
      coreMasks: nil, spuriousMasks: nil, salientRoot: path(tree), mturk: path(mturk), perFeature: perFeature)
    let list = try ImageList(contentsOf: path("\(tree)_images.txt"))
    return (try HeatmapSource.open(path("\(tree)_heatmaps.npy")), list, try layout.references(for: list))
  }

  static func plain() throws -> (HeatmapSource, ImageList, [[MaskReference]]) {
    let layout = try MaskLayout.open(
      coreMasks: path("plain/core"), spuriousMasks: path("plain/spurious"), salientRoot: nil, mturk: nil)
    let list = try ImageList(contentsOf: path("plain_images.txt"))
    return (try HeatmapSource.open(path("plain/heatmaps")), list, try layout.references(for: list))
  }
}

@Suite("Interpretability scoring against the numpy + Pillow reference")
struct InterpretabilityScorerTests {
  /// Scores `source` and compares every pair with `expected[case].pairs_detail`.
  func check(_ name: String, _ input: (HeatmapSource, ImageList, [[MaskReference]]), configure: (inout InterpretabilityScorer) -> Void = { _ in }) throws {
    let (source, list, masks) = input
    let want = try #require((InterpretFixtures.expected[name] as? [String: Any])?["pairs_detail"] as? [[String: Any]])
    for threads in [1, 3] {
      var scorer = InterpretabilityScorer()
      configure(&scorer)
      let results = try scorer.score(heatmaps: source, images: list, masks: masks, context: ExecutionContext(threads: threads))
      let got = list.entries.indices.flatMap { i in zip(masks[i], results[i].overlaps).map { (list.entries[i].id, $0, $1) } }
      try #require(got.count == want.count)
      for ((id, mask, overlap), expected) in zip(got, want) {
        #expect(id == expected["image"] as? String)
        #expect(mask.kind.rawValue == expected["kind"] as? String)
        #expect(mask.features.first?.wnid == expected["wnid"] as? String)
        let features = mask.features.map { String($0.featureIndex) }.joined(separator: ";")
        #expect(features == (expected["feature_index"] as? String ?? (expected["feature_index"] as? Int).map(String.init) ?? ""))
        #expect(mask.classIndex == expected["class_index"] as? Int)
        #expect(overlap.intersection == expected["intersection"] as? Int, "\(name) \(id) \(mask.kind)")
        #expect(overlap.union == expected["union"] as? Int, "\(name) \(id) \(mask.kind)")
        #expect(abs(overlap.share - (expected["share"] as? Double ?? .nan)) <= 1e-9, "\(name) \(id) \(mask.kind)")
      }
    }
  }

  @Test("Salient ImageNet tree: one core and one spurious mask per image, every pair's counts and share")
  func salient() throws { try check("salient", InterpretFixtures.salient()) }

  @Test("Salient ImageNet tree with --per-feature: every (image, feature) pair")
  func salientPerFeature() throws { try check("salient_per_feature", InterpretFixtures.salient(perFeature: true)) }

  @Test("sharp-edged masks, several features per image, Fortran-order heatmaps: exact pixel counts per image")
  func sharp() throws {
    try check("salient_sharp", InterpretFixtures.salient("salient_sharp", mturk: "mturk_sharp.csv"))
    try check("salient_sharp_per_feature", InterpretFixtures.salient("salient_sharp", mturk: "mturk_sharp.csv", perFeature: true))
  }

  @Test("plain layout (PNG 8/16-bit, RGB, JPEG, .npy, folders of masks): every pair")
  func plain() throws { try check("plain", InterpretFixtures.plain()) }

  @Test("plain layout without the center crop")
  func plainNoCrop() throws {
    try check("plain_no_crop", InterpretFixtures.plain()) { $0.geometry = ImageGeometry(size: 224, crop: false) }
  }

  @Test("plain layout at size 96 with other thresholds")
  func plainOtherSettings() throws {
    try check("plain_size96", InterpretFixtures.plain()) {
      $0.geometry = ImageGeometry(size: 96)
      $0.heatmapThreshold = 0.3
      $0.maskThreshold = 0.7
    }
  }

  @Test("the first failing image in list order is reported, whatever the thread count")
  func firstFailure() throws {
    let (source, list, masks) = try InterpretFixtures.plain()
    var broken = masks
    broken[1][0].paths = ["/nonexistent/one.png"]
    broken[3][1].paths = ["/nonexistent/three.png"]
    for threads in [1, 2, 4] {
      let scorer = InterpretabilityScorer()
      #expect(throws: InputError("/nonexistent/one.png", "no such file or directory")) {
        try scorer.score(heatmaps: source, images: list, masks: broken, context: ExecutionContext(threads: threads))
      }
    }
  }
}
