// ssl-quality · GrayImage+Range.swift — the value range of an image in one vectorised pass.

extension GrayImage {
  /// The smallest and largest pixel value; `nil` when the image is empty or holds NaN or
  /// infinite values.
  public var finiteRange: (min: Float, max: Float)? { PixelKernels.finiteRange(pixels.span) }
}
