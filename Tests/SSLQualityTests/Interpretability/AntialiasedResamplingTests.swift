// ssl-quality · AntialiasedResamplingTests.swift — Pillow's bilinear resize, 8-bit and float, against Pillow itself.

import Testing
import TestSupport

@testable import SSLQuality

@Suite("Pillow's antialiased bilinear resampling")
struct AntialiasedResamplingTests {
  /// The 17 × 23 sharp-edged 8-bit mask and the random float image of the reference.
  static var inputs: (bytes: ByteImage, floats: GrayImage) {
    let entry = InterpretReference.all["pil_resize_input"] as? [String: Any] ?? [:]
    let bytes = (entry["values"] as? [Int] ?? []).map { UInt8($0) }
    let floats = (entry["float_values"] as? [Double] ?? []).map(Float.init)
    return (ByteImage(width: 23, height: 17, pixels: bytes), GrayImage(width: 23, height: 17, pixels: floats))
  }

  @Test("8-bit (mode L) results equal Pillow's exactly; float (mode F) to float32 rounding, shrinking and growing")
  func matchesPillow() throws {
    let cases = InterpretReference.cases("pil_resize")
    try #require(cases.count == 5)
    let (bytes, floats) = Self.inputs
    for entry in cases {
      let width = try #require(entry["width"] as? Int), height = try #require(entry["height"] as? Int)
      let gotBytes = AntialiasedResampling.resample(bytes, width: width, height: height, columns: 0..<width, rows: 0..<height)
      #expect(gotBytes.pixels.map(Int.init) == entry["bytes"] as? [Int], "\(width)×\(height) 8-bit")
      let gotFloats = AntialiasedResampling.resample(floats, width: width, height: height, columns: 0..<width, rows: 0..<height)
      let worst = InterpretReference.largestDifference(gotFloats, try #require(entry["floats"] as? [Double]))
      #expect(worst <= 1e-6, "\(width)×\(height) float: max difference \(worst)")
    }
  }

  @Test("a window of the resize equals the same pixels of the full resize")
  func windowIsCrop() {
    let (bytes, _) = Self.inputs
    let full = AntialiasedResampling.resample(bytes, width: 11, height: 9, columns: 0..<11, rows: 0..<9)
    let window = AntialiasedResampling.resample(bytes, width: 11, height: 9, columns: 3..<8, rows: 2..<7)
    let expected = (2..<7).flatMap { y in (3..<8).map { x in full.pixels[y * 11 + x] } }
    #expect(window.pixels == expected)
  }

  @Test("an unchanged size copies the window's pixels, 8-bit and float alike")
  func unchangedSizeIsWindow() {
    let (bytes, floats) = Self.inputs
    #expect(AntialiasedResampling.resample(bytes, width: 23, height: 17, columns: 0..<23, rows: 0..<17) == bytes)
    #expect(AntialiasedResampling.resample(floats, width: 23, height: 17, columns: 0..<23, rows: 0..<17) == floats)
    let window = AntialiasedResampling.resample(floats, width: 23, height: 17, columns: 4..<9, rows: 1..<3)
    #expect(window.pixels == (1..<3).flatMap { y in (4..<9).map { x in floats.pixels[y * 23 + x] } })
    // Only the width changes: the rows are resampled as in the full resize.
    let wide = AntialiasedResampling.resample(bytes, width: 11, height: 17, columns: 0..<11, rows: 0..<17)
    let part = AntialiasedResampling.resample(bytes, width: 11, height: 17, columns: 2..<6, rows: 5..<9)
    #expect(part.pixels == (5..<9).flatMap { y in (2..<6).map { x in wide.pixels[y * 11 + x] } })
  }

  @Test("the loader's quantisation: maximum of the masks, uint8(m / 255 · 255)")
  func maximumQuantized() {
    let a = ByteImage(width: 2, height: 1, pixels: [10, 200]), b = ByteImage(width: 2, height: 1, pixels: [30, 100])
    #expect(ByteImage.maximumQuantized([a, b]).pixels == [30, 200])
  }
}
