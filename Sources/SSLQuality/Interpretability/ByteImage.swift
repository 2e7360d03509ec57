// ssl-quality · ByteImage.swift — quantising soft masks to 8-bit samples.

extension ByteImage {
  /// `image`'s values in [0, 1] as `round(255 · v)` (values outside [0, 1] clamped).
  public init(quantizing image: GrayImage) {
    self.init(
      width: image.width, height: image.height,
      pixels: image.pixels.map { UInt8((min(max($0, 0), 1) * 255).rounded()) })
  }

  /// Element-wise maximum of `masks` (all of one size), quantised as Salient ImageNet's
  /// loader does: `uint8(max_k(m_k / 255) · 255)` computed in `Double` and truncated, so a
  /// sample `m` whose `m / 255 · 255` falls just below `m` becomes `m − 1`.
  ///
  /// - Precondition: `masks` is not empty and its images share one size.
  public static func maximumQuantized(_ masks: [ByteImage]) -> ByteImage {
    precondition(!masks.isEmpty, "no masks")
    var combined = masks[0].pixels
    for mask in masks.dropFirst() {
      precondition(mask.width == masks[0].width && mask.height == masks[0].height, "masks differ in size")
      for index in combined.indices { combined[index] = max(combined[index], mask.pixels[index]) }
    }
    let table = (0...255).map { UInt8(Double($0) / 255 * 255) }
    return ByteImage(width: masks[0].width, height: masks[0].height, pixels: combined.map { table[Int($0)] })
  }
}
