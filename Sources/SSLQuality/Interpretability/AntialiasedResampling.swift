// ssl-quality · AntialiasedResampling.swift — PIL's bilinear resize, which widens its filter when shrinking.

/// Resizing as Pillow's `Image.resize(size, Image.BILINEAR)` computes it (the filter
/// torchvision's `Resize` uses on PIL images), so masks resized here equal what Salient
/// ImageNet's loader feeds a model.
///
/// Along each axis, output pixel `d` of an `in → out` resize is centred at
/// `c = (d + 0.5) · s` with `s = in / out`. The triangle filter `max(0, 1 − |t|)` is
/// stretched by `f = max(s, 1)` (so shrinking averages every input pixel it covers: the
/// antialiasing plain bilinear lacks), with support `f`: input pixels
/// `x ∈ [⌊c − f + 0.5⌋, ⌊c + f + 0.5⌋)` (clipped to the image) get weights
/// `triangle((x − c + 0.5) / f)`, normalised to sum 1. Rows are resampled horizontally
/// first, then columns vertically (Pillow's `ImagingResampleInner`), an axis whose size
/// does not change is left alone.
///
/// - 8-bit images (``ByteImage``, PIL mode `L`): weights become fixed point,
///   `trunc(w · 2²² ± 0.5)`, sums start at `2²¹` and the result is `clamp(sum >> 22, 0, 255)`
///   after each pass (Pillow's `ImagingResampleHorizontal_8bpc` / `Vertical_8bpc`).
/// - Float images (PIL mode `F`): weights and sums in `Double`, each pass stored as `Float`.
///
/// Only the output pixels inside a window are computed, so a centre crop costs nothing
/// extra; each output pixel is the same as in the full resize.
enum AntialiasedResampling {
  /// Fixed-point precision of 8-bit resampling (Pillow's `PRECISION_BITS`, 32 − 8 − 2).
  static let precisionBits = 22

  /// Input pixels and weights of each output position along one axis.
  struct Taps {
    /// First input pixel and number of pixels per output position.
    var first: [Int] = [], count: [Int] = []
    /// `width` weights per output position (unused ones are 0).
    var weights: [Double] = []
    var width = 0

    init(input: Int, output: Int, window: Range<Int>) {
      let scale = Double(input) / Double(output)
      let stretch = max(scale, 1)
      let support = stretch
      width = Int(support.rounded(.up)) * 2 + 1
      for d in window {
        let centre = (Double(d) + 0.5) * scale
        let low = max(0, Int(centre - support + 0.5))
        let high = min(input, Int(centre + support + 0.5))
        var row = [Double](repeating: 0, count: width), total = 0.0
        for x in 0..<max(0, high - low) {
          let t = abs((Double(x + low) - centre + 0.5) / stretch)
          let weight = t < 1 ? 1 - t : 0
          row[x] = weight
          total += weight
        }
        if total != 0 { for x in row.indices { row[x] /= total } }
        first.append(low)
        count.append(max(0, high - low))
        weights += row
      }
    }

    /// The weights as Pillow's 8-bit fixed point.
    var fixedPoint: [Int] {
      let one = Double(1 << AntialiasedResampling.precisionBits)
      return weights.map { $0 < 0 ? Int(-0.5 + $0 * one) : Int(0.5 + $0 * one) }
    }

    /// Input positions the taps touch, as a range.
    var span: Range<Int> {
      guard let start = first.min() else { return 0..<0 }
      return start..<zip(first, count).map { $0 + $1 }.max()!
    }
  }

  /// The taps of each axis whose size changes, and the input rows the vertical pass reads.
  private static func plan(
    _ inWidth: Int, _ inHeight: Int, _ width: Int, _ height: Int, _ columns: Range<Int>, _ rows: Range<Int>
  ) -> (horizontal: Taps?, vertical: Taps?, sourceRows: Range<Int>) {
    let horizontal = width == inWidth ? nil : Taps(input: inWidth, output: width, window: columns)
    let vertical = height == inHeight ? nil : Taps(input: inHeight, output: height, window: rows)
    return (horizontal, vertical, vertical?.span ?? rows)
  }

  /// The window `columns × rows` of an 8-bit `image` resized to `width × height`, as 8-bit
  /// samples.
  static func resample(_ image: ByteImage, width: Int, height: Int, columns: Range<Int>, rows: Range<Int>) -> ByteImage {
    let (horizontal, vertical, sourceRows) = plan(image.width, image.height, width, height, columns, rows)
    let outColumns = columns.count
    let half = 1 << (precisionBits - 1)
    // Horizontal pass over the source rows the vertical pass reads.
    var blended: ByteImage
    if let horizontal {
      blended = ByteImage(width: outColumns, height: sourceRows.count, pixels: .init(repeating: 0, count: sourceRows.count * outColumns))
      let weights = horizontal.fixedPoint
      for (r, y) in sourceRows.enumerated() {
        let row = y * image.width
        for x in 0..<outColumns {
          var sum = half
          let start = horizontal.first[x], base = x * horizontal.width
          for k in 0..<horizontal.count[x] { sum += Int(image.pixels[row + start + k]) * weights[base + k] }
          blended.pixels[r * outColumns + x] = clip(sum)
        }
      }
    } else {
      blended = image.window(columns: columns, rows: sourceRows)
    }
    guard let vertical else { return blended }
    let weights = vertical.fixedPoint
    var pixels = [UInt8](repeating: 0, count: rows.count * outColumns)
    for y in 0..<rows.count {
      let start = vertical.first[y] - sourceRows.lowerBound, base = y * vertical.width
      for x in 0..<outColumns {
        var sum = half
        for k in 0..<vertical.count[y] { sum += Int(blended.pixels[(start + k) * outColumns + x]) * weights[base + k] }
        pixels[y * outColumns + x] = clip(sum)
      }
    }
    return ByteImage(width: outColumns, height: rows.count, pixels: pixels)
  }

  /// The window `columns × rows` of a float `image` resized to `width × height`.
  static func resample(_ image: GrayImage, width: Int, height: Int, columns: Range<Int>, rows: Range<Int>) -> GrayImage {
    let (horizontal, vertical, sourceRows) = plan(image.width, image.height, width, height, columns, rows)
    let outColumns = columns.count
    var blended: GrayImage
    if let horizontal {
      blended = GrayImage(width: outColumns, height: sourceRows.count, pixels: .init(repeating: 0, count: sourceRows.count * outColumns))
      for (r, y) in sourceRows.enumerated() {
        let row = y * image.width
        for x in 0..<outColumns {
          var sum = 0.0
          let start = horizontal.first[x], base = x * horizontal.width
          for k in 0..<horizontal.count[x] { sum += Double(image.pixels[row + start + k]) * horizontal.weights[base + k] }
          blended.pixels[r * outColumns + x] = Float(sum)
        }
      }
    } else {
      blended = image.window(columns: columns, rows: sourceRows)
    }
    guard let vertical else { return blended }
    var pixels = [Float](repeating: 0, count: rows.count * outColumns)
    for y in 0..<rows.count {
      let start = vertical.first[y] - sourceRows.lowerBound, base = y * vertical.width
      for x in 0..<outColumns {
        var sum = 0.0
        for k in 0..<vertical.count[y] { sum += Double(blended.pixels[(start + k) * outColumns + x]) * vertical.weights[base + k] }
        pixels[y * outColumns + x] = Float(sum)
      }
    }
    return GrayImage(width: outColumns, height: rows.count, pixels: pixels)
  }

  private static func clip(_ sum: Int) -> UInt8 { UInt8(min(255, max(0, sum >> precisionBits))) }
}
