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
public enum ImageFile {
  /// Rec. 601 luma weights for red, green and blue.
  public static let lumaWeights: (red: Float, green: Float, blue: Float) = (0.299, 0.587, 0.114)

  /// Decodes the image at `path`, choosing the decoder from the file's first bytes.
  ///
  /// - Throws: ``InputError`` naming the file for unreadable, truncated or corrupt images.
  public static func load(_ path: String) throws -> GrayImage {
    try loadNoting(path).image
  }

  /// Like ``load(_:)``, also telling whether the file was a `.npy` array (whose values are
  /// taken as stored, not scaled to [0, 1]).
  public static func loadNoting(_ path: String) throws -> (image: GrayImage, isArray: Bool) {
    let data = try read(path)
    if data.starts(with: NPYFormat.magic) { return (try npy(path), true) }
    return (try decode(data, name: path), false)
  }

  /// The bytes of the file at `path`; errors name the file.
  private static func read(_ path: String) throws -> Data {
    var isDirectory: ObjCBool = false
    let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
    guard !(exists && isDirectory.boolValue) else { throw InputError(path, "is a directory, not a file") }
    do {
      return try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw InputError(path, exists ? "cannot read the file" : "no such file")
    }
  }

  /// Decodes PNG or JPEG bytes; `name` is used in errors.
  public static func decode(_ data: Data, name: String) throws -> GrayImage {
    try decodeDescribed(data, name: name).image
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

  /// Reads a PNG or JPEG file's description and its gray image.
  public static func inspect(_ path: String) throws -> (description: Description, image: GrayImage) {
    try decodeDescribed(read(path), name: path)
  }

  /// Whether `bytes` start like a PNG or JPEG file.
  public static func isImage(_ bytes: some Collection<UInt8>) -> Bool {
    bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) || bytes.starts(with: [0xFF, 0xD8])
  }

  static func decodeDescribed(_ data: Data, name: String) throws -> (description: Description, image: GrayImage) {
    guard !data.isEmpty else { throw InputError(name, "file is empty") }
    let isPNG = data.starts(with: [0x89, 0x50, 0x4E, 0x47])
    let isJPEG = data.starts(with: [0xFF, 0xD8])
    guard isPNG || isJPEG else { throw InputError(name, "not a PNG, JPEG or .npy image") }
    var info = sslq_image_info()
    var pixels: UnsafeMutablePointer<UInt16>?
    var message = [CChar](repeating: 0, count: 256)
    let status = data.withUnsafeBytes { bytes in
      let base = bytes.baseAddress!.assumingMemoryBound(to: UInt8.self)
      return isPNG
        ? sslq_png_decode(base, bytes.count, &pixels, &info, &message, message.count)
        : sslq_jpeg_decode(base, bytes.count, &pixels, &info, &message, message.count)
    }
    guard status == 0, let pixels else {
      let text = message.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
      throw InputError(name, "corrupt or truncated \(isPNG ? "PNG" : "JPEG"): \(text)")
    }
    defer { sslq_image_free(pixels) }
    let description = Description(
      format: isPNG ? "png" : "jpeg", width: Int(info.width), height: Int(info.height), channels: Int(info.channels),
      bitsPerSample: info.max_value > 255 ? 16 : 8)
    return (description, gray(pixels, info))
  }

  private static func gray(_ samples: UnsafeMutablePointer<UInt16>, _ info: sslq_image_info) -> GrayImage {
    let width = Int(info.width), height = Int(info.height), channels = Int(info.channels)
    let scale = 1 / Float(info.max_value)
    let (r, g, b) = lumaWeights
    let values = [Float](unsafeUninitializedCapacity: width * height) { out, count in
      // One loop per layout, so the common gray case is a plain vectorisable conversion.
      if channels >= 3 {
        for index in 0..<(width * height) {
          let p = samples + index * channels
          out[index] = (r * Float(p[0]) + g * Float(p[1]) + b * Float(p[2])) * scale
        }
      } else if channels == 1 {
        for index in 0..<(width * height) { out[index] = Float(samples[index]) * scale }
      } else {
        for index in 0..<(width * height) { out[index] = Float(samples[index * channels]) * scale }
      }
      count = width * height
    }
    return GrayImage(width: width, height: height, pixels: values)
  }

  private static func npy(_ path: String) throws -> GrayImage {
    let array = try ArrayFile.open(path)
    let shape = array.layout.shape
    guard shape.count == 2, shape[0] > 0, shape[1] > 0 else {
      throw InputError(path, "expected a 2-D heatmap [H, W], found \(array.layout.summary)")
    }
    return GrayImage(width: shape[1], height: shape[0], pixels: array.floats())
  }
}
