// ssl-quality · SingleChannelImage.swift — single-channel images: of floats (heatmaps, masks) and of bytes.

/// A single-channel image of samples in row-major order, `height × width`.
public struct SingleChannelImage<Sample: Sendable & Equatable>: Sendable, Equatable {
  /// Columns and rows.
  public let width: Int, height: Int
  /// `height * width` samples, row by row.
  public var pixels: [Sample]

  public init(width: Int, height: Int, pixels: [Sample]) {
    precondition(width >= 0 && height >= 0 && pixels.count == width * height, "pixels do not fill the image")
    self.width = width
    self.height = height
    self.pixels = pixels
  }

  /// The sample at column `x`, row `y`.
  public subscript(x: Int, y: Int) -> Sample { pixels[y * width + x] }

  /// The pixels in columns `columns` of rows `rows`; the image itself (sharing its
  /// storage, no copy) when the window covers it whole.
  ///
  /// - Precondition: the window lies inside the image.
  func window(columns: Range<Int>, rows: Range<Int>) -> Self {
    precondition(columns.upperBound <= width && rows.upperBound <= height, "window outside the image")
    if columns == 0..<width, rows == 0..<height { return self }
    var samples: [Sample] = []
    samples.reserveCapacity(columns.count * rows.count)
    for y in rows {
      let start = y * width
      samples.append(contentsOf: pixels[(start + columns.lowerBound)..<(start + columns.upperBound)])
    }
    return Self(width: columns.count, height: rows.count, pixels: samples)
  }
}

/// A single-channel image of `Float` values: a heatmap or a soft mask.
public typealias GrayImage = SingleChannelImage<Float>

/// A single-channel image of 8-bit samples: a soft mask as Salient ImageNet's loader holds
/// it before resizing (a PIL `L` image).
public typealias ByteImage = SingleChannelImage<UInt8>
