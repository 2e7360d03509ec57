// ssl-quality · MaskFile.swift — soft masks from PNG, JPEG or .npy files, several combined by maximum.

import SSLQuality

/// Reads soft masks: values in [0, 1] (PNG and JPEG are scaled by their bit depth; `.npy`
/// masks must already lie in [0, 1]).
public enum MaskFile {
  /// The element-wise maximum of the masks at `paths`, in their native resolution.
  ///
  /// - Throws: ``InputError`` naming the file that is unreadable, holds values outside
  ///   [0, 1] (or NaN), or differs in size from the first.
  /// - Precondition: `paths` is not empty.
  public static func load(_ paths: [String]) throws -> GrayImage {
    precondition(!paths.isEmpty, "no mask files")
    var combined = try checked(paths[0])
    for path in paths.dropFirst() {
      let mask = try checked(path)
      guard mask.width == combined.width, mask.height == combined.height else {
        throw InputError(
          path, "is \(mask.width)×\(mask.height) but \(paths[0]), a mask of the same image, is \(combined.width)×\(combined.height)")
      }
      for index in combined.pixels.indices { combined.pixels[index] = max(combined.pixels[index], mask.pixels[index]) }
    }
    return combined
  }

  /// The masks at `paths` as 8-bit samples (``ImageFile/loadBytes(_:)``), combined as
  /// Salient ImageNet's loader combines an image's masks: ``ByteImage/maximumQuantized(_:)``.
  ///
  /// - Throws: ``InputError`` naming the file that is unreadable or differs in size from the first.
  /// - Precondition: `paths` is not empty.
  public static func loadQuantized(_ paths: [String]) throws -> ByteImage {
    precondition(!paths.isEmpty, "no mask files")
    let masks = try paths.map { try ImageFile.loadBytes($0) }
    for (path, mask) in zip(paths, masks).dropFirst() where mask.width != masks[0].width || mask.height != masks[0].height {
      throw InputError(
        path, "is \(mask.width)×\(mask.height) but \(paths[0]), a mask of the same image, is \(masks[0].width)×\(masks[0].height)")
    }
    return ByteImage.maximumQuantized(masks)
  }

  private static func checked(_ path: String) throws -> GrayImage {
    let (mask, isArray) = try ImageFile.loadNoting(path)
    guard isArray else { return mask }  // decoded images lie in [0, 1] by construction
    guard let range = mask.finiteRange else { throw InputError(path, "mask holds NaN or infinite values") }
    guard range.min >= 0, range.max <= 1 else {
      throw InputError(path, "mask values must lie in [0, 1], found \(range.min)...\(range.max)")
    }
    return mask
  }
}
