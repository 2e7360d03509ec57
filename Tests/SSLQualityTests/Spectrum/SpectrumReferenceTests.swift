// ssl-quality · SpectrumReferenceTests.swift — RankMe, α-ReQ, effective rank, collapse, alignment and uniformity against numpy.

import Foundation
import Testing
import TestSupport

@testable import SSLQuality

/// fixtures/spectrum/expected.json, written by fixtures/make_spectrum_reference.py.
@Suite("Spectral measures against the numpy reference")
struct SpectrumReferenceTests {
  nonisolated(unsafe) static let expected = Fixtures.object("spectrum/expected.json")

  static func moments(_ matrix: Matrix) -> SecondMoments {
    var moments = SecondMoments(columns: matrix.columns)
    matrix.withView { moments.add(rows: $0) }
    return moments
  }

  @Test("every measure matches to 1e-6 relative", arguments: [("demo", "demo/test.npy"), ("random", "random/test.npy"), ("powerlaw", "spectrum/powerlaw.npy")])
  func matchesNumpy(name: String, file: String) throws {
    let want = try #require(Self.expected[name] as? [String: Any])
    let matrix = try loadFloat32NPY(file)
    let moments = Self.moments(matrix)
    let result = try SpectrumResult(moments: moments)
    #expect(result.samples == want["samples"] as? Int)
    #expect(agrees(result.rankme, try #require(want["rankme"] as? Double), relative: 1e-6))
    #expect(agrees(result.rankmeCentered, try #require(want["rankme_centered"] as? Double), relative: 1e-6))
    #expect(agrees(result.effectiveRank, try #require(want["effective_rank"] as? Double), relative: 1e-6))
    #expect(agrees(result.collapseStd, try #require(want["collapse"] as? Double), relative: 1e-6))
    #expect(result.deadFeatures == want["dead_features"] as? Int)
    let alpha = try #require(want["alpha_default"] as? [String: Any])
    #expect(agrees(try #require(result.alpha), try #require(alpha["alpha"] as? Double), relative: 1e-6))
    #expect(result.alphaRange == alpha["range"] as? [Int])
    let narrow = try #require(want["alpha_2_20"] as? [String: Any])
    let fit = try #require(SpectralMeasures.powerLawFit(eigenvalues: result.eigenvalues, ranks: 2...20))
    #expect(agrees(fit.alpha, try #require(narrow["alpha"] as? Double), relative: 1e-6))
    #expect(agrees(fit.intercept, try #require(narrow["intercept"] as? Double), relative: 1e-6))
    let eigenvalues = try #require(want["eigenvalues"] as? [Double])
    #expect(result.eigenvalues.count == eigenvalues.count)
    let largest = eigenvalues[0]
    for (got, reference) in zip(result.eigenvalues, eigenvalues) {
      #expect(abs(got - reference) <= 1e-6 * max(abs(reference), 1e-3 * largest), "\(name): λ \(got) != \(reference)")
    }
  }

  @Test("sums merged from row blocks equal the sums of all rows")
  func mergesBlocks() throws {
    let matrix = try loadFloat32NPY("spectrum/powerlaw.npy")
    let whole = Self.moments(matrix)
    var merged = SecondMoments(columns: matrix.columns)
    matrix.withView { all in
      for (start, end) in [(0, 7), (7, 300), (300, 600)] {
        var part = SecondMoments(columns: matrix.columns)
        part.add(rows: all.rowRange(start..<end))
        merged.add(part)
      }
    }
    #expect(merged.count == whole.count && merged.nonzero == whole.nonzero)
    for (a, b) in zip(merged.gram, whole.gram) { #expect(abs(a - b) <= 1e-12 * max(1, abs(b))) }
    let a = try SpectrumResult(moments: merged), b = try SpectrumResult(moments: whole)
    #expect(agrees(a.rankme, b.rankme, relative: 1e-10) && agrees(a.rankmeCentered, b.rankmeCentered, relative: 1e-10))
  }

  @Test("an exact power law k^-α gives α; dead features are found; 1/√D reference")
  func properties() throws {
    let spectrum = (1...50).map { pow(Double($0), -1.3) * 4 }
    let fit = try #require(SpectralMeasures.powerLawFit(eigenvalues: spectrum.reversed(), ranks: 3...40))
    #expect(abs(fit.alpha - 1.3) < 1e-12 && abs(fit.r2 - 1) < 1e-12 && fit.ranks == 3...40)
    #expect(SpectralMeasures.powerLawFit(eigenvalues: [1, 0, 0], ranks: 1...10) == nil)
    #expect(abs(SpectralMeasures.effectiveRank(eigenvalues: [2, 2, 2, 2, 0]) - 4) < 1e-12)
    // RankMe of k equal singular values is k (up to the 1e-7 smoothing).
    #expect(abs(SpectralMeasures.rankMe(gramEigenvalues: [9, 9, 9, 0], samples: 10) - 3) < 1e-5)
    let matrix = Matrix(rows: 3, columns: 4, values: [1, 0, 2, 0, 3, 0, 1, 0, 0, 0, 5, 0])
    let result = try SpectrumResult(moments: Self.moments(matrix))
    #expect(result.deadFeatureIndices == [1, 3] && result.deadFeatures == 2)
    #expect(result.collapseReference == 0.5)
  }

  @Test("alignment and uniformity match numpy to 1e-6")
  func views() throws {
    let want = try #require(Self.expected["views"] as? [String: Any])
    let agreement = ViewAgreement(try loadFloat32NPY("spectrum/views_a.npy"), try loadFloat32NPY("spectrum/views_b.npy"))
    #expect(agrees(agreement.alignment, try #require(want["alignment"] as? Double), relative: 1e-6))
    #expect(agrees(agreement.uniformityA, try #require(want["uniformity_a"] as? Double), relative: 1e-6))
    #expect(agrees(agreement.uniformityB, try #require(want["uniformity_b"] as? Double), relative: 1e-6))
  }
}
