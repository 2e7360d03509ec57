// ssl-quality · GrayImage.swift — single-channel float images (heatmaps, masks).

/// A single-channel image of `Float` values in row-major order, `height × width`.
public struct GrayImage: Sendable, Equatable {
  /// Columns and rows.
  public let width: Int, height: Int
  /// `height * width` values, row by row.
  public var pixels: [Float]

  public init(width: Int, height: Int, pixels: [Float]) {
    precondition(width >= 0 && height >= 0 && pixels.count == width * height, "pixels do not fill the image")
    self.width = width
    self.height = height
    self.pixels = pixels
  }

  /// The value at column `x`, row `y`.
  public subscript(x: Int, y: Int) -> Float { pixels[y * width + x] }
}
