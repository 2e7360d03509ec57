// ssl-quality · MaskOverlapTests.swift — IoU, mass share and their means on hand-made maps.

import Testing

@testable import SSLQuality

@Suite("Heatmap/mask overlap")
struct MaskOverlapTests {
  static func image(_ values: [Float], width: Int = 4) -> GrayImage {
    GrayImage(width: width, height: values.count / width, pixels: values)
  }

  static let heat = image([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15])

  @Test("a mask identical to the binarised heatmap has IoU 1")
  func identical() throws {
    let heatmap = try #require(NormalizedHeatmap(Self.heat, threshold: 0.6))
    let mask = Self.image(heatmap.values.map { $0 >= 0.6 ? 1 : 0 })
    let overlap = heatmap.overlap(with: mask, maskThreshold: 0.5)
    #expect(overlap.iou == 1)
    #expect(overlap.intersection == heatmap.activeCount && overlap.union == heatmap.activeCount)
  }

  @Test("a mask disjoint from the heatmap has IoU 0")
  func disjoint() throws {
    let heatmap = try #require(NormalizedHeatmap(Self.heat, threshold: 0.6))
    let mask = Self.image(heatmap.values.map { $0 >= 0.6 ? 0 : 1 })
    #expect(heatmap.overlap(with: mask, maskThreshold: 0.5).iou == 0)
  }

  @Test("an empty union gives IoU 0, a flat heatmap has no mass and share 0")
  func emptyUnion() throws {
    let flat = try #require(NormalizedHeatmap(Self.image([Float](repeating: 3, count: 16)), threshold: 0.6))
    #expect(flat.isFlat && flat.activeCount == 0 && flat.mass == 0)
    let overlap = flat.overlap(with: Self.image([Float](repeating: 0, count: 16)), maskThreshold: 0.5)
    #expect(overlap.union == 0 && overlap.iou == 0 && overlap.share == 0)
  }

  @Test("IoU and share by hand; thresholds are inclusive")
  func byHand() throws {
    // normalised: k/15; active (≥ 0.6): k ≥ 9 → 7 pixels. Mask: the last two rows (k ≥ 8).
    let heatmap = try #require(NormalizedHeatmap(Self.heat, threshold: 0.6))
    #expect(heatmap.activeCount == 7)
    let mask = Self.image((0..<16).map { $0 >= 8 ? 0.5 : 0.49 })
    let overlap = heatmap.overlap(with: mask, maskThreshold: 0.5)
    #expect(overlap.intersection == 7 && overlap.union == 8 && overlap.maskPixels == 8)
    #expect(abs(overlap.iou - 7.0 / 8) < 1e-15)
    // mass inside: (8 + … + 15) / 15 = 92 / 15 of a total 120 / 15.
    #expect(abs(overlap.share - 92.0 / 120) < 1e-6)
  }

  @Test("IoU is invariant to an affine rescaling of the heatmap")
  func affineInvariance() throws {
    let mask = Self.image((0..<16).map { Float(($0 * 7) % 5) / 4 })
    let a = try #require(NormalizedHeatmap(Self.heat, threshold: 0.6)).overlap(with: mask, maskThreshold: 0.5)
    let scaled = Self.image(Self.heat.pixels.map { $0 * 4 + 10 })
    let b = try #require(NormalizedHeatmap(scaled, threshold: 0.6)).overlap(with: mask, maskThreshold: 0.5)
    #expect(a.intersection == b.intersection && a.union == b.union)
  }

  @Test("NaN or infinite heatmaps are refused")
  func nonFinite() {
    #expect(NormalizedHeatmap(Self.image([0, .nan, 1, 2]), threshold: 0.6) == nil)
    #expect(NormalizedHeatmap(Self.image([0, .infinity, 1, 2]), threshold: 0.6) == nil)
  }

  @Test("means per kind, their difference, and NaN for a kind without pairs")
  func summary() {
    let half = MaskOverlap(intersection: 1, union: 2, maskPixels: 1, heatmapPixels: 2, massInside: 1, mass: 4)
    let none = MaskOverlap(intersection: 0, union: 3, maskPixels: 1, heatmapPixels: 2, massInside: 0, mass: 4)
    let s = InterpretabilitySummary([(.core, half), (.core, none), (.spurious, none)])
    #expect(s.core.pairs == 2 && s.core.iou == 0.25 && s.core.share == 0.125)
    #expect(s.spurious.iou == 0 && s.difference == 0.25 && s.pairs == 3)
    let coreOnly = InterpretabilitySummary([(.core, half)])
    #expect(coreOnly.spurious.pairs == 0 && coreOnly.spurious.iou.isNaN && coreOnly.difference.isNaN)
    #expect(InterpretabilitySummary([]).core.iou.isNaN)
  }
}
