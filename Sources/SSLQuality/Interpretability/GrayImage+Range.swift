// ssl-quality · GrayImage+Range.swift — the value range of an image in one vectorised pass.

extension GrayImage {
  /// The smallest and largest pixel value; `nil` when the image is empty or holds NaN or
  /// infinite values.
  public var finiteRange: (min: Float, max: Float)? {
    pixels.withUnsafeBufferPointer { p -> (min: Float, max: Float)? in
      guard let base = p.baseAddress, !p.isEmpty else { return nil }
      let raw = UnsafeRawPointer(base)
      var low = SIMD16<Float>(repeating: .infinity), high = SIMD16<Float>(repeating: -.infinity)
      // v · 0 is 0 for finite v and NaN for NaN or ±∞; the sum remembers any NaN.
      var poison = SIMD16<Float>(repeating: 0)
      var index = 0
      while index + 16 <= p.count {
        let v = raw.loadUnaligned(fromByteOffset: index * 4, as: SIMD16<Float>.self)
        // `replacing(with:where:)` compiles to vector blends; pointwiseMin/Max do not.
        low = low.replacing(with: v, where: v .< low)
        high = high.replacing(with: v, where: v .> high)
        poison += v * 0
        index += 16
      }
      var lowest = low.min(), highest = high.max(), tainted = poison.sum()
      while index < p.count {
        let v = p[index]
        lowest = Swift.min(lowest, v)
        highest = Swift.max(highest, v)
        tainted += v * 0
        index += 1
      }
      return tainted == 0 ? (lowest, highest) : nil
    }
  }
}
