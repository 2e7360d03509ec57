// ssl-quality · ImageGeometry.swift — Resize(size) + CenterCrop(size), for heatmaps and masks alike.

/// The geometry heatmaps and masks are brought to before they are compared: torchvision's
/// `Resize(size)` (shorter side to `size`, longer side `⌊size · long / short⌋`) followed,
/// when `crop` is set, by `CenterCrop(size)` (offsets `round((extent − size) / 2)`, halves
/// to even as Python rounds).
///
/// Heatmaps (``apply(_:)``) use plain bilinear interpolation with half-pixel centres,
/// computed in `Float`, the same as `torch.nn.functional.interpolate(mode="bilinear", align_corners=False)`: output
/// pixel `d` samples the input at `s = max(0, (d + 0.5) · in / out − 0.5)`, blending
/// pixels `⌊s⌋` and `min(⌊s⌋ + 1, in − 1)` with weights `1 − λ` and `λ = s − ⌊s⌋`
/// (rows first, then columns). Upsampling agrees with PIL's bilinear filter; downsampling
/// does not antialias. Masks (``applyAntialiased(_:)``) use Pillow's bilinear filter,
/// which antialiases when shrinking (``AntialiasedResampling``), as torchvision's `Resize`
/// does on the PIL images Salient ImageNet's loader builds.
public struct ImageGeometry: Sendable, Equatable {
  /// Target length of the shorter side (and of the crop).
  public var size: Int
  /// Whether to center-crop to `size × size` after resizing.
  public var crop: Bool

  /// - Precondition: `size > 0`.
  public init(size: Int = 224, crop: Bool = true) {
    precondition(size > 0, "size must be positive")
    self.size = size
    self.crop = crop
  }

  /// Width and height after the resize step for an input of `width × height`.
  public func resizedExtent(width: Int, height: Int) -> (width: Int, height: Int) {
    if width <= height { return (size, size * height / width) }
    return (size * width / height, size)
  }

  /// Width and height of the result for an input of `width × height`.
  public func outputExtent(width: Int, height: Int) -> (width: Int, height: Int) {
    crop ? (size, size) : resizedExtent(width: width, height: height)
  }

  /// The resized extent and the window of it the result keeps, for an input of
  /// `width × height`.
  func plan(width: Int, height: Int) -> (resized: (width: Int, height: Int), columns: Range<Int>, rows: Range<Int>) {
    let resized = resizedExtent(width: width, height: height)
    let output = outputExtent(width: width, height: height)
    let left = crop ? Self.cropOffset(resized.width, size) : 0
    let top = crop ? Self.cropOffset(resized.height, size) : 0
    return (resized, left..<(left + output.width), top..<(top + output.height))
  }

  /// `image` resized and (when `crop`) center-cropped, with plain bilinear interpolation
  /// (heatmaps).
  ///
  /// - Precondition: the image is not empty.
  public func apply(_ image: GrayImage) -> GrayImage {
    precondition(image.width > 0 && image.height > 0, "empty image")
    let (resized, columns, rows) = plan(width: image.width, height: image.height)
    return Self.resample(image, resizedWidth: resized.width, resizedHeight: resized.height, columns: columns, rows: rows)
  }

  /// `mask` resized with Pillow's antialiased bilinear filter (``AntialiasedResampling``,
  /// float mode) and (when `crop`) center-cropped: masks, as torchvision resizes a PIL image.
  ///
  /// - Precondition: the image is not empty.
  public func applyAntialiased(_ mask: GrayImage) -> GrayImage {
    precondition(mask.width > 0 && mask.height > 0, "empty image")
    let (resized, columns, rows) = plan(width: mask.width, height: mask.height)
    return AntialiasedResampling.resample(mask, width: resized.width, height: resized.height, columns: columns, rows: rows)
  }

  /// An 8-bit `mask` resized with Pillow's 8-bit antialiased bilinear filter and (when
  /// `crop`) center-cropped, then scaled to [0, 1] as `Float(v) / 255` (torchvision's
  /// `ToTensor`): exactly Salient ImageNet's mask transform.
  ///
  /// - Precondition: the image is not empty.
  public func applyAntialiased(_ mask: ByteImage) -> GrayImage {
    precondition(mask.width > 0 && mask.height > 0, "empty image")
    let (resized, columns, rows) = plan(width: mask.width, height: mask.height)
    let bytes = AntialiasedResampling.resample(mask, width: resized.width, height: resized.height, columns: columns, rows: rows)
    return GrayImage(width: bytes.width, height: bytes.height, pixels: bytes.pixels.map { Float($0) / 255 })
  }

  /// `image` resized to exactly `width × height` by the bilinear rule above.
  public static func resize(_ image: GrayImage, width: Int, height: Int) -> GrayImage {
    resample(image, resizedWidth: width, resizedHeight: height, columns: 0..<width, rows: 0..<height)
  }

  /// The offset of a centred window of `length` in `extent`: `round((extent − length) / 2)`
  /// with halves to even.
  static func cropOffset(_ extent: Int, _ length: Int) -> Int {
    Int((Double(extent - length) / 2).rounded(.toNearestOrEven))
  }

  /// The window `columns × rows` of `image` resized to `resizedWidth × resizedHeight`,
  /// computing only the pixels inside the window.
  static func resample(
    _ image: GrayImage, resizedWidth: Int, resizedHeight: Int, columns: Range<Int>, rows: Range<Int>
  ) -> GrayImage {
    let inWidth = image.width, inHeight = image.height
    if resizedWidth == inWidth, resizedHeight == inHeight { return image.window(columns: columns, rows: rows) }
    let horizontal = AxisSampling(input: inWidth, output: resizedWidth, window: columns)
    let vertical = AxisSampling(input: inHeight, output: resizedHeight, window: rows)
    let outWidth = columns.count, outHeight = rows.count
    // Rows first: every input row the vertical pass touches, resampled horizontally.
    let firstRow = vertical.lower.min() ?? 0, lastRow = vertical.upper.max() ?? 0
    let blended = PixelKernels.blendColumns(image.pixels.span, width: inWidth, rows: firstRow...lastRow, by: horizontal)
    let pixels = PixelKernels.blendRows(blended.span, width: outWidth, firstRow: firstRow, by: vertical)
    return GrayImage(width: outWidth, height: outHeight, pixels: pixels)
  }
}

/// Source pixels and weights of the bilinear rule along one axis, for the output
/// positions in `window`.
struct AxisSampling {
  var lower: [Int] = [], upper: [Int] = []
  var lowerWeight: [Float] = [], upperWeight: [Float] = []

  init(input: Int, output: Int, window: Range<Int>) {
    let scale = Float(input) / Float(output)
    for d in window {
      let source = max(0, (Float(d) + 0.5) * scale - 0.5)
      let index = min(Int(source), input - 1)
      let lambda = source - Float(index)
      lower.append(index)
      upper.append(min(index + 1, input - 1))
      lowerWeight.append(1 - lambda)
      upperWeight.append(lambda)
    }
  }
}
