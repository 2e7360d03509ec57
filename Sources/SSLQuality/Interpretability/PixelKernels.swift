// ssl-quality · PixelKernels.swift — the vectorised loops over image pixels: sums, counts, the value range, min-max normalisation, mask overlap counts and bilinear blends.

/// The loops over image pixels, written so they vectorise: they take spans (safe views of
/// the pixel arrays) and load 8 or 16 `Float`s at a time from their memory here, so the
/// image code around them needs no pointers.
///
/// Sums of `Float` pixels are accumulated in `Double` in four independent `SIMD8<Double>`
/// accumulators that hide the add latency; counts subtract compare masks in `Int32` lanes
/// over blocks short enough not to overflow.
enum PixelKernels {
  /// Pixels per counting block (`Int32` counters cannot overflow within one).
  static let blockSize = 1 << 30

  /// `Σ values[i]` in `Double`.
  static func sum(_ values: Span<Float>) -> Double {
    values.withUnsafeBufferPointer { values in
      guard let base = values.baseAddress else { return 0 }
      let v = UnsafeRawPointer(base), count = values.count
      var s0 = SIMD8<Double>(repeating: 0), s1 = s0, s2 = s0, s3 = s0
      var index = 0
      while index + 32 <= count {
        s0 += SIMD8<Double>(v.loadUnaligned(fromByteOffset: index * 4, as: SIMD8<Float>.self))
        s1 += SIMD8<Double>(v.loadUnaligned(fromByteOffset: index * 4 + 32, as: SIMD8<Float>.self))
        s2 += SIMD8<Double>(v.loadUnaligned(fromByteOffset: index * 4 + 64, as: SIMD8<Float>.self))
        s3 += SIMD8<Double>(v.loadUnaligned(fromByteOffset: index * 4 + 96, as: SIMD8<Float>.self))
        index += 32
      }
      var total = ((s0 + s1) + (s2 + s3)).sum()
      while index < count {
        total += Double(values[index])
        index += 1
      }
      return total
    }
  }

  /// `Σ values[i]` over the pixels whose `gate[i] >= threshold`, in `Double`.
  ///
  /// - Precondition: `gate` is at least as long as `values`.
  static func sum(_ values: Span<Float>, gate: Span<Float>, atLeast threshold: Float) -> Double {
    precondition(gate.count >= values.count, "gate shorter than values")
    return values.withUnsafeBufferPointer { values in
      gate.withUnsafeBufferPointer { gate in
        guard let base = values.baseAddress, let gateBase = gate.baseAddress else { return 0 }
        let v = UnsafeRawPointer(base), g = UnsafeRawPointer(gateBase), count = values.count
        let thresholds = SIMD8<Float>(repeating: threshold), zero = SIMD8<Float>(repeating: 0)
        var s0 = SIMD8<Double>(repeating: 0), s1 = s0
        var index = 0
        while index + 16 <= count {
          let x0 = v.loadUnaligned(fromByteOffset: index * 4, as: SIMD8<Float>.self)
          let x1 = v.loadUnaligned(fromByteOffset: index * 4 + 32, as: SIMD8<Float>.self)
          let g0 = g.loadUnaligned(fromByteOffset: index * 4, as: SIMD8<Float>.self)
          let g1 = g.loadUnaligned(fromByteOffset: index * 4 + 32, as: SIMD8<Float>.self)
          s0 += SIMD8<Double>(zero.replacing(with: x0, where: g0 .>= thresholds))
          s1 += SIMD8<Double>(zero.replacing(with: x1, where: g1 .>= thresholds))
          index += 16
        }
        var total = (s0 + s1).sum()
        while index < count {
          if gate[index] >= threshold { total += Double(values[index]) }
          index += 1
        }
        return total
      }
    }
  }

  /// Number of `values[i] >= threshold`.
  static func count(_ values: Span<Float>, atLeast threshold: Float) -> Int {
    values.withUnsafeBufferPointer { values in
      guard let base = values.baseAddress else { return 0 }
      let v = UnsafeRawPointer(base), count = values.count, thresholds = SIMD8<Float>(repeating: threshold)
      var total = 0, index = 0
      while index + 8 <= count {
        let end = index + min(count - index, blockSize) / 8 * 8
        var lanes = SIMD8<Int32>(repeating: 0)
        while index < end {
          lanes &-= ones(v.loadUnaligned(fromByteOffset: index * 4, as: SIMD8<Float>.self) .>= thresholds)
          index += 8
        }
        total += Int(lanes.wrappedSum())
      }
      while index < count {
        total += values[index] >= threshold ? 1 : 0
        index += 1
      }
      return total
    }
  }

  /// The smallest and largest value; `nil` when `values` is empty or holds NaN or
  /// infinite values.
  static func finiteRange(_ values: Span<Float>) -> (min: Float, max: Float)? {
    values.withUnsafeBufferPointer { p -> (min: Float, max: Float)? in
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

  /// `(values[i] − low) / range` for every pixel, in `Float`.
  static func normalized(_ values: Span<Float>, low: Float, range: Float) -> [Float] {
    let count = values.count
    return [Float](unsafeUninitializedCapacity: count) { out, initialized in
      values.withUnsafeBufferPointer { p in
        for index in 0..<count { out[index] = (p[index] - low) / range }
      }
      initialized = count
    }
  }

  /// Over the positions of `heat` (and `mask`): how many have both `heat >= heatThreshold`
  /// and `mask >= maskThreshold`, either, and the mask condition alone.
  ///
  /// - Precondition: `mask` is as long as `heat`.
  static func overlapCounts(
    _ heat: Span<Float>, atLeast heatThreshold: Float, _ mask: Span<Float>, atLeast maskThreshold: Float
  ) -> (both: Int, either: Int, mask: Int) {
    precondition(mask.count == heat.count, "mask and heatmap differ in size")
    var intersection = 0, union = 0, inside = 0
    heat.withUnsafeBufferPointer { heat in
      mask.withUnsafeBufferPointer { region in
        guard let heatBase = heat.baseAddress, let regionBase = region.baseAddress else { return }
        let h = UnsafeRawPointer(heatBase), r = UnsafeRawPointer(regionBase), count = heat.count
        let heatThresholds = SIMD8<Float>(repeating: heatThreshold), maskThresholds = SIMD8<Float>(repeating: maskThreshold)
        var index = 0
        while index + 8 <= count {
          let end = index + min(count - index, blockSize) / 8 * 8
          var both = SIMD8<Int32>(repeating: 0), either = both, isIn = both
          while index < end {
            let a = h.loadUnaligned(fromByteOffset: index * 4, as: SIMD8<Float>.self) .>= heatThresholds
            let c = r.loadUnaligned(fromByteOffset: index * 4, as: SIMD8<Float>.self) .>= maskThresholds
            both &-= ones(a .& c)
            either &-= ones(a .| c)
            isIn &-= ones(c)
            index += 8
          }
          intersection += Int(both.wrappedSum())
          union += Int(either.wrappedSum())
          inside += Int(isIn.wrappedSum())
        }
        while index < count {
          let a = heat[index] >= heatThreshold, c = region[index] >= maskThreshold
          intersection += a && c ? 1 : 0
          union += a || c ? 1 : 0
          inside += c ? 1 : 0
          index += 1
        }
      }
    }
    return (intersection, union, inside)
  }

  /// Rows `rows` of the `width`-pixel-wide `source`, each resampled horizontally by
  /// `horizontal`: `out[x] = row[lower[x]] · lowerWeight[x] + row[upper[x]] · upperWeight[x]`.
  static func blendColumns(_ source: Span<Float>, width: Int, rows: ClosedRange<Int>, by horizontal: AxisSampling) -> [Float] {
    precondition(source.count >= (rows.upperBound + 1) * width, "rows outside the image")
    precondition(horizontal.lower.allSatisfy { $0 >= 0 } && horizontal.upper.allSatisfy { $0 < width }, "columns outside the image")
    let outWidth = horizontal.lower.count
    var blended = [Float](repeating: 0, count: rows.count * outWidth)
    source.withUnsafeBufferPointer { source in
      blended.withUnsafeMutableBufferPointer { target in
        for y in rows {
          let row = source.baseAddress! + y * width, out = target.baseAddress! + (y - rows.lowerBound) * outWidth
          for x in 0..<outWidth {
            out[x] = row[horizontal.lower[x]] * horizontal.lowerWeight[x] + row[horizontal.upper[x]] * horizontal.upperWeight[x]
          }
        }
      }
    }
    return blended
  }

  /// Rows of `width` pixels blended vertically by `vertical` from `rows`, whose first row
  /// is image row `firstRow`: `out_y = rows[lower[y]] · lowerWeight[y] + rows[upper[y]] · upperWeight[y]`.
  static func blendRows(_ rows: Span<Float>, width: Int, firstRow: Int, by vertical: AxisSampling) -> [Float] {
    let outHeight = vertical.lower.count
    precondition(
      zip(vertical.lower, vertical.upper).allSatisfy { $0 >= firstRow && ($1 - firstRow + 1) * width <= rows.count },
      "sampled rows outside the blended rows")
    return [Float](unsafeUninitializedCapacity: width * outHeight) { target, count in
      rows.withUnsafeBufferPointer { rowsBuffer in
        for y in 0..<outHeight {
          let a = rowsBuffer.baseAddress! + (vertical.lower[y] - firstRow) * width
          let b = rowsBuffer.baseAddress! + (vertical.upper[y] - firstRow) * width
          let wa = vertical.lowerWeight[y], wb = vertical.upperWeight[y]
          let out = target.baseAddress! + y * width
          for x in 0..<width { out[x] = a[x] * wa + b[x] * wb }
        }
      }
      count = width * outHeight
    }
  }

  /// A comparison result as lanes of −1 (true) and 0 (false), the form vector compares
  /// produce, so that subtracting it counts.
  @inline(__always)
  static func ones(_ mask: SIMDMask<SIMD8<Int32>>) -> SIMD8<Int32> {
    unsafeBitCast(mask, to: SIMD8<Int32>.self)
  }
}
