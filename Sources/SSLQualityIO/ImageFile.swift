// ssl-quality · ImageFile.swift — masks and heatmaps from PNG, JPEG and .npy files.

import CImageCodecs
import Foundation
import SSLQuality

/// Reads masks and heatmaps as gray `Float` images.
///
/// PNG (gray, gray+alpha, RGB, RGBA, palette; 1–16 bit) and JPEG (gray or colour) are
/// scaled to [0, 1]; colour becomes luminance with Rec. 601 weights
/// `0.299 R + 0.587 G + 0.114 B`; alpha is ignored. A 2-D `.npy` array `[H, W]` is taken
/// as is.
///
/// Small files (up to 1 MB) are read into memory, larger ones mapped; a header is checked against
/// ``pixelLimit`` before any pixel is decoded, and pixels are decoded one row at a time
/// into the gray result (interlaced PNGs excepted, which libpng needs whole), so memory
/// follows the image actually decoded, not what a header claims.
public enum ImageFile {
  /// Rec. 601 luma weights for red, green and blue.
  public static let lumaWeights: (red: Float, green: Float, blue: Float) = (0.299, 0.587, 0.114)

  /// Most pixels (width × height) an image may have to be decoded: 2²⁶ (67 million, e.g.
  /// 8192 × 8192), 256 MB as gray `Float`. Larger images are refused with a message before
  /// decoding; ``describe(_:)`` reads headers of any size.
  public static let pixelLimit = 1 << 26

  /// Decodes the image at `path`, choosing the decoder from the file's first bytes.
  ///
  /// - Throws: ``InputError`` naming the file for unreadable, truncated or corrupt images.
  public static func load(_ path: String) throws -> GrayImage {
    try loadNoting(path).image
  }

  /// Like ``load(_:)``, also telling whether the file was a `.npy` array (whose values are
  /// taken as stored, not scaled to [0, 1]).
  public static func loadNoting(_ path: String) throws -> (image: GrayImage, isArray: Bool) {
    let contents = try MappedFile.contents(path)
    if contents.starts(with: NPYFormat.magic) { return (try npy(path), true) }
    return (try contents.withBytes { try decode($0, name: path) }, false)
  }

  /// The image at `path` as 8-bit gray samples: 8-bit gray PNG and JPEG as stored; other
  /// images (colour, 16-bit, `.npy` in [0, 1]) as `round(255 · gray)`.
  public static func loadBytes(_ path: String) throws -> ByteImage {
    let contents = try MappedFile.contents(path)
    if !contents.starts(with: NPYFormat.magic) {
      let decoded = try contents.withBytes { try decodeRows(of: $0, name: path, eightBitGray: true) }
      if let bytes = decoded.bytes { return bytes }
      return ByteImage(quantizing: decoded.gray)
    }
    return ByteImage(quantizing: try npy(path))
  }

  /// Decodes PNG or JPEG bytes; `name` is used in errors.
  static func decode(_ bytes: UnsafeRawBufferPointer, name: String) throws -> GrayImage {
    try decodeRows(of: bytes, name: name, eightBitGray: false).gray
  }

  /// What a PNG or JPEG file stores, before conversion to gray.
  public struct Description: Sendable, Equatable {
    /// `png` or `jpeg`.
    public var format: String
    public var width: Int, height: Int
    /// 1 (gray), 2 (gray+alpha), 3 (RGB) or 4 (RGBA), after palette expansion.
    public var channels: Int
    /// 8 or 16 bits per sample, after expansion of 1, 2 and 4-bit images.
    public var bitsPerSample: Int
  }

  /// Reads only the header of the PNG or JPEG file at `path` (no pixel is decoded).
  public static func describe(_ path: String) throws -> Description {
    let region = try MappedFile.map(path)
    return try region.buffer.withBytes { bytes in
      let format = try format(of: bytes, name: path)
      var info = sslq_image_info()
      try call(name: path, format: format) { message, size in
        let base = bytes.baseAddress!.assumingMemoryBound(to: UInt8.self)
        return sslq_image_probe(format == "png" ? SSLQ_PNG : SSLQ_JPEG, base, bytes.count, &info, message, size)
      }
      return Description(
        format: format, width: Int(info.width), height: Int(info.height), channels: Int(info.channels),
        bitsPerSample: info.max_value > 255 ? 16 : 8)
    }
  }

  /// Whether the file at `path` starts like a PNG or JPEG file.
  ///
  /// - Throws: ``InputError`` for a missing, empty or special file (FIFO, directory, …).
  public static func isImageFile(_ path: String) throws -> Bool {
    try MappedFile.map(path).buffer.withBytes { format(of: $0) != nil }
  }

  /// Size in bytes of the regular file at `path`.
  public static func byteCount(_ path: String) throws -> Int { try MappedFile.map(path).buffer.byteCount }

  /// `png` or `jpeg` from the file's signature, `nil` for anything else.
  private static func format(of bytes: UnsafeRawBufferPointer) -> String? {
    if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return "png" }
    if bytes.starts(with: [0xFF, 0xD8]) { return "jpeg" }
    return nil
  }

  private static func format(of bytes: UnsafeRawBufferPointer, name: String) throws -> String {
    guard !bytes.isEmpty else { throw InputError(name, "file is empty") }
    guard let format = format(of: bytes) else { throw InputError(name, "not a PNG, JPEG or .npy image") }
    return format
  }

  /// Runs a codec call that writes a message on failure, turning failure into an error.
  private static func call(
    name: String, format: String, _ body: (UnsafeMutablePointer<CChar>, Int) -> Int32
  ) throws {
    var message = [CChar](repeating: 0, count: 256)
    let status = message.withUnsafeMutableBufferPointer { body($0.baseAddress!, $0.count) }
    guard status == 0 else {
      let text = message.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
      if text.contains("more than the limit") || text.contains("zero width") {
        throw InputError(name, "\(text) (\(format == "png" ? "PNG" : "JPEG"))")
      }
      throw InputError(name, "corrupt or truncated \(format == "png" ? "PNG" : "JPEG"): \(text)")
    }
  }

  /// Gray rows collected as the decoder hands them out.
  private final class RowCollector {
    var gray: [Float] = []
    var bytes: [UInt8]?
    var width = 0, height = 0
    let keepBytes: Bool

    init(keepBytes: Bool) { self.keepBytes = keepBytes }

    func add(_ samples: UnsafePointer<UInt16>, _ info: sslq_image_info) {
      let width = Int(info.width), channels = Int(info.channels)
      self.width = width
      height += 1
      if keepBytes, channels == 1, info.max_value == 255 {
        if bytes == nil { bytes = [] }
        Self.appendRow(width, of: info, to: &bytes!) { for x in 0..<width { $0[x] = UInt8(truncatingIfNeeded: samples[x]) } }
        return
      }
      let scale = 1 / Float(info.max_value)
      let (r, g, b) = ImageFile.lumaWeights
      // One loop per layout, so the common gray case is a plain vectorisable conversion.
      Self.appendRow(width, of: info, to: &gray) { out in
        if channels >= 3 {
          for x in 0..<width {
            let p = samples + x * channels
            out[x] = (r * Float(p[0]) + g * Float(p[1]) + b * Float(p[2])) * scale
          }
        } else if channels == 1 {
          for x in 0..<width { out[x] = Float(samples[x]) * scale }
        } else {
          for x in 0..<width { out[x] = Float(samples[x * channels]) * scale }
        }
      }
    }

    /// Most samples reserved ahead of decoding (2²², 16 MB of `Float`): memory follows the
    /// rows actually decoded beyond that, not what a header claims.
    private static let reservedPixels = 1 << 22

    /// Appends `count` elements to `array`, written by `fill` into a temporary row in one
    /// pass and copied at once, rather than appended one at a time.
    /// The first row reserves room for the rows the header announces, up to
    /// ``reservedPixels``, so a whole image of ordinary size is never copied as it grows.
    private static func appendRow<T: BitwiseCopyable>(
      _ count: Int, of info: sslq_image_info, to array: inout [T], _ fill: (UnsafeMutableBufferPointer<T>) -> Void
    ) {
      if array.isEmpty { array.reserveCapacity(min(count * Int(info.height), reservedPixels)) }
      // `fill` writes every element of the row, so the temporary is fully initialised.
      withUnsafeTemporaryAllocation(of: T.self, capacity: count) { row in
        fill(row)
        array.append(contentsOf: row)
      }
    }
  }

  /// Decodes row by row; with `eightBitGray`, 8-bit gray images are kept as bytes.
  private static func decodeRows(
    of bytes: UnsafeRawBufferPointer, name: String, eightBitGray: Bool
  ) throws -> (gray: GrayImage, bytes: ByteImage?) {
    let format = try format(of: bytes, name: name)
    let collector = RowCollector(keepBytes: eightBitGray)
    let context = Unmanaged.passUnretained(collector).toOpaque()
    let sink: sslq_row_sink = { context, samples, info in
      guard let context, let samples, let info else { return }
      Unmanaged<RowCollector>.fromOpaque(context).takeUnretainedValue().add(samples, info.pointee)
    }
    try call(name: name, format: format) { message, size in
      let base = bytes.baseAddress!.assumingMemoryBound(to: UInt8.self)
      return sslq_image_decode_rows(format == "png" ? SSLQ_PNG : SSLQ_JPEG, base, bytes.count, UInt64(pixelLimit), sink, context, message, size)
    }
    withExtendedLifetime(collector) {}
    if let kept = collector.bytes {
      return (GrayImage(width: 0, height: 0, pixels: []), ByteImage(width: collector.width, height: collector.height, pixels: kept))
    }
    return (GrayImage(width: collector.width, height: collector.height, pixels: collector.gray), nil)
  }

  private static func npy(_ path: String) throws -> GrayImage {
    let array = try ArrayFile.open(path)
    let shape = array.layout.shape
    guard shape.count == 2, shape[0] > 0, shape[1] > 0 else {
      throw InputError(path, "expected a 2-D heatmap [H, W], found \(array.layout.summary)")
    }
    guard shape[0] * shape[1] <= pixelLimit else {
      throw InputError(path, "image is \(shape[1])x\(shape[0]) = \(shape[0] * shape[1]) pixels, more than the limit of \(pixelLimit)")
    }
    return GrayImage(width: shape[1], height: shape[0], pixels: array.floats())
  }
}

extension MatrixBuffer {
  /// Whether the buffer's bytes start with `prefix`.
  func starts(with prefix: [UInt8]) -> Bool {
    byteCount >= prefix.count && withBaseAddress { base in prefix.indices.allSatisfy { base.load(fromByteOffset: $0, as: UInt8.self) == prefix[$0] } }
  }

  /// Calls `body` with the buffer's bytes.
  func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
    try withBaseAddress { try body(UnsafeRawBufferPointer(start: $0, count: byteCount)) }
  }
}
