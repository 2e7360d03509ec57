// ssl-quality · HeatmapSource.swift — per-image heatmaps from one [N, H, W] array or a directory.

import Foundation
import SSLQuality

/// Where heatmaps come from: one `.npy` (or `.npz`/`.safetensors` member) of shape
/// `[N, H, W]` whose `i`-th slice belongs to the `i`-th listed image, or a directory with
/// one `<id>.npy|.png|.jpg|.jpeg` file per image.
public enum HeatmapSource: Sendable {
  case stack(StoredMatrix, width: Int, height: Int)
  case directory(ImageDirectory)

  /// Opens `argument`: a directory, or an array argument (`path`, `path.npz:key`, …).
  ///
  /// - Throws: ``InputError`` when the array is not 3-D with non-zero extents.
  public static func open(_ argument: String) throws -> HeatmapSource {
    if FileCheck.isDirectory(argument) {
      return .directory(try ImageDirectory(path: argument, subdirectories: false))
    }
    let array = try ArrayFile.open(argument, expecting: .heatmaps)
    let shape = array.layout.shape
    return .stack(array.flattenedMatrix(), width: shape[2], height: shape[1])
  }

  /// Number of heatmaps a stack holds (`nil` for a directory).
  public var count: Int? {
    if case .stack(let matrix, _, _) = self { return matrix.rows }
    return nil
  }

  /// What the source is called in messages.
  public var name: String {
    switch self {
    case .stack(let matrix, _, _): matrix.array.name
    case .directory(let directory): directory.path
    }
  }

  /// The file holding the heatmap of image `id`, for messages (the array for a stack).
  public func fileName(for id: String) -> String {
    switch self {
    case .stack(let matrix, _, _): matrix.array.name
    case .directory(let directory): directory.files[id]?.first ?? directory.path
    }
  }

  /// The heatmap of image `index` (id `id`).
  ///
  /// - Throws: ``InputError`` naming the file for a missing, ambiguous or unreadable heatmap.
  public func load(_ index: Int, id: String, scratch: RowScratch) throws -> GrayImage {
    switch self {
    case .stack(let matrix, let width, let height):
      return GrayImage(width: width, height: height, pixels: matrix.copyRows(index..<(index + 1), scratch: scratch))
    case .directory(let directory):
      let files = directory.files[id] ?? []
      guard files.count == 1, let file = files.first else {
        throw InputError(
          directory.path,
          files.isEmpty
            ? "no heatmap for image \(id) (expected \(id).npy, .png or .jpeg)"
            : "several heatmaps for image \(id): \(files.map { ($0 as NSString).lastPathComponent }.joined(separator: ", "))")
      }
      return try ImageFile.load(file)
    }
  }
}
