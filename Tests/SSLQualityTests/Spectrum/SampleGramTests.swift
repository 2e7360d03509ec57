// ssl-quality · SampleGramTests.swift — the spectrum of a matrix with fewer rows than columns, from its rows' Gram matrix, against numpy.

import Foundation
import Testing
import TestSupport

@testable import SSLQuality

/// fixtures/spectrum/wide_expected.json, written by fixtures/make_spectrum_wide_reference.py
/// from numpy's SVD of the finite rows (no D × D matrix).
@Suite("Spectrum from the rows' Gram matrix")
struct SampleGramTests {
  nonisolated(unsafe) static let expected = Fixtures.object("spectrum/wide_expected.json")

  @Test("every measure matches numpy's SVD to 1e-6 relative", arguments: ["wide", "wide_2x60000", "wide_4x8192"])
  func matchesNumpy(name: String) throws {
    let want = try #require(Self.expected[name] as? [String: Any])
    let matrix = try loadFloat32NPY("spectrum/\(name).npy")
    #expect(matrix.rows < matrix.columns)
    let (result, nonFinite) = try SpectrumResult.measure(matrix, context: .serial)
    #expect(result.samples == want["samples"] as? Int && result.features == want["features"] as? Int)
    #expect(nonFinite == matrix.rows - result.samples)
    #expect(agrees(result.rankme, try #require(want["rankme"] as? Double), relative: 1e-6))
    #expect(agrees(result.rankmeCentered, try #require(want["rankme_centered"] as? Double), relative: 1e-6))
    #expect(agrees(result.effectiveRank, try #require(want["effective_rank"] as? Double), relative: 1e-6))
    #expect(agrees(result.collapseStd, try #require(want["collapse"] as? Double), relative: 1e-6))
    #expect(result.deadFeatures == want["dead_features"] as? Int)
    if let alpha = want["alpha_default"] as? [String: Any] {
      #expect(agrees(try #require(result.alpha), try #require(alpha["alpha"] as? Double), relative: 1e-6))
      #expect(result.alphaRange == alpha["range"] as? [Int])
    } else {
      #expect(result.alpha == nil)
    }
    let listed = try #require(want["eigenvalues"] as? [Double])
    #expect(result.eigenvalues.count == matrix.columns)
    let largest = listed[0]
    for (k, got) in result.eigenvalues.enumerated() {
      let reference = k < listed.count ? listed[k] : 0
      #expect(abs(got - reference) <= 1e-6 * max(abs(reference), 1e-3 * largest), "\(name): λ_\(k + 1) \(got) != \(reference)")
    }
  }

  @Test("the rows' side and the features' side give the same measures")
  func sameAsFeatureSide() throws {
    let matrix = try loadFloat32NPY("spectrum/wide.npy")
    let (rows, _) = try SpectrumResult.measure(matrix, context: .serial)
    var moments = SecondMoments(columns: matrix.columns)
    let finite = (0..<matrix.rows).filter { !Set(matrix.nonFiniteRowIndices()).contains($0) }
    matrix.withView { all in for r in finite { moments.add(rows: all.rowRange(r..<(r + 1))) } }
    let features = try SpectrumResult(moments: moments)
    #expect(agrees(rows.rankme, features.rankme, relative: 1e-9))
    // The features' side keeps the n-th centred eigenvalue's round-off (~1e-13 λ₁), which
    // moves RankMe by its 1e-7 smoothing's order; the rows' side sets it to 0.
    #expect(agrees(rows.rankmeCentered, features.rankmeCentered, relative: 1e-6))
    #expect(rows.deadFeatureIndices == features.deadFeatureIndices && rows.collapseStd == features.collapseStd)
    for k in 0..<(rows.samples - 1) {
      #expect(abs(rows.eigenvalues[k] - features.eigenvalues[k]) <= 1e-9 * rows.eigenvalues[0], "λ_\(k + 1)")
    }
  }

  @Test("K_c is the Gram matrix of the centred rows")
  func doubleCentring() {
    let matrix = Matrix(rows: 3, columns: 4, values: [1, 0, 2, 5, 3, 1, 1, 0, 0, 2, 5, 1])
    let gram = matrix.withView { SampleGram($0, rows: [0, 1, 2]) }
    let means = (0..<4).map { j in (0..<3).map { Double(matrix[$0, j]) }.reduce(0, +) / 3 }
    let centred = gram.centeredGram
    for i in 0..<3 {
      for j in i..<3 {
        let plain = (0..<4).map { Double(matrix[i, $0]) * Double(matrix[j, $0]) }.reduce(0, +)
        let shifted = (0..<4).map { (Double(matrix[i, $0]) - means[$0]) * (Double(matrix[j, $0]) - means[$0]) }.reduce(0, +)
        #expect(gram.gram[i * 3 + j] == plain)
        #expect(abs(centred[i * 3 + j] - shifted) < 1e-12)
      }
    }
  }
}
