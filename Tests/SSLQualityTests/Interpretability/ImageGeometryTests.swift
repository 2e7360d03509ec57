// ssl-quality · ImageGeometryTests.swift — bilinear resize and Resize + CenterCrop against numpy.

import Testing
import TestSupport

@testable import SSLQuality

/// fixtures/interpret/expected.json, written by fixtures/make_interpret_fixtures.py.
enum InterpretReference {
  nonisolated(unsafe) static let all = Fixtures.object("interpret/expected.json")

  /// The 17 × 23 random image the resize cases start from.
  static var input: GrayImage {
    let entry = all["resize_input"] as? [String: Any] ?? [:]
    let shape = entry["shape"] as? [Int] ?? [0, 0]
    let values = (entry["values"] as? [Double] ?? []).map(Float.init)
    return GrayImage(width: shape[1], height: shape[0], pixels: values)
  }

  static func cases(_ key: String) -> [[String: Any]] { all[key] as? [[String: Any]] ?? [] }

  /// The largest absolute difference between `got` and the reference `want`.
  static func largestDifference(_ got: GrayImage, _ want: [Double]) -> Double {
    got.pixels.count == want.count ? zip(got.pixels, want).map { abs(Double($0) - $1) }.max() ?? 0 : .infinity
  }
}

@Suite("Image geometry")
struct ImageGeometryTests {
  @Test("bilinear resize matches the numpy reference to 1e-5")
  func resizeMatchesReference() throws {
    let cases = InterpretReference.cases("resize")
    try #require(cases.count == 5)
    for entry in cases {
      let width = try #require(entry["width"] as? Int), height = try #require(entry["height"] as? Int)
      let want = try #require(entry["values"] as? [Double])
      let got = ImageGeometry.resize(InterpretReference.input, width: width, height: height)
      #expect(got.width == width && got.height == height)
      let worst = InterpretReference.largestDifference(got, want)
      #expect(worst <= 1e-5, "\(width)×\(height): max difference \(worst)")
    }
  }

  @Test("Resize + CenterCrop matches the numpy reference to 1e-5")
  func geometryMatchesReference() throws {
    let cases = InterpretReference.cases("geometry")
    try #require(cases.count == 4)
    for entry in cases {
      let size = try #require(entry["size"] as? Int), crop = try #require(entry["crop"] as? Bool)
      let shape = try #require(entry["shape"] as? [Int]), want = try #require(entry["values"] as? [Double])
      let got = ImageGeometry(size: size, crop: crop).apply(InterpretReference.input)
      #expect([got.height, got.width] == shape)
      let worst = InterpretReference.largestDifference(got, want)
      #expect(worst <= 1e-5, "size \(size) crop \(crop): max difference \(worst)")
    }
  }

  @Test("an image already at the target geometry is returned unchanged")
  func identity() {
    let image = GrayImage(width: 6, height: 6, pixels: (0..<36).map { Float($0) / 7 })
    #expect(ImageGeometry(size: 6).apply(image) == image)
    #expect(ImageGeometry.resize(image, width: 6, height: 6) == image)
  }

  @Test("constant images stay constant; values stay within the input's range")
  func convexCombinations() {
    let constant = GrayImage(width: 5, height: 3, pixels: [Float](repeating: 0.37, count: 15))
    #expect(ImageGeometry(size: 11).apply(constant).pixels.allSatisfy { abs($0 - 0.37) < 1e-6 })
    let input = InterpretReference.input
    let low = input.pixels.min() ?? 0, high = input.pixels.max() ?? 0
    let out = ImageGeometry(size: 64, crop: false).apply(input)
    #expect(out.pixels.allSatisfy { $0 >= low - 1e-5 && $0 <= high + 1e-5 })
  }

  @Test("shorter side to size, longer side floored; crop offsets round halves to even")
  func extents() {
    let geometry = ImageGeometry(size: 224)
    #expect(geometry.resizedExtent(width: 500, height: 375) == (298, 224))
    #expect(geometry.resizedExtent(width: 256, height: 320) == (224, 280))
    #expect(geometry.outputExtent(width: 500, height: 375) == (224, 224))
    #expect(ImageGeometry(size: 224, crop: false).outputExtent(width: 500, height: 375) == (298, 224))
    #expect(ImageGeometry.cropOffset(225, 224) == 0)  // 0.5 → 0
    #expect(ImageGeometry.cropOffset(227, 224) == 2)  // 1.5 → 2
    #expect(ImageGeometry.cropOffset(280, 224) == 28)
  }

  @Test("a 1 × 1 image and a one-pixel-wide strip resize without reading out of bounds")
  func degenerateInputs() {
    let dot = ImageGeometry(size: 4).apply(GrayImage(width: 1, height: 1, pixels: [2]))
    #expect(dot.pixels == [Float](repeating: 2, count: 16))
    let strip = ImageGeometry(size: 3).apply(GrayImage(width: 1, height: 5, pixels: [0, 1, 2, 3, 4]))
    #expect(strip.width == 3 && strip.height == 3)
  }
}
