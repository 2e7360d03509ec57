// ssl-quality · ImageDirectory.swift — per-image PNG, JPEG and .npy files in a directory, by image id.

import Foundation

/// The image files of a directory, found by image id: `DIR/<id>.png|.jpg|.jpeg|.npy` and,
/// when subdirectories are allowed, every such file inside `DIR/<id>/`. Entries are listed,
/// not opened: each is opened (and a special file or directory refused) when it is read.
public struct ImageDirectory: Sendable {
  /// The directory.
  public let path: String
  /// Files of each image id, sorted by path.
  public let files: [String: [String]]

  /// Lists `path` once.
  ///
  /// - Throws: ``InputError`` when `path` is not a readable directory.
  public init(path: String, subdirectories: Bool) throws {
    self.path = path
    let manager = FileManager.default
    try FileCheck.directory(path)
    guard let names = try? manager.contentsOfDirectory(atPath: path) else { throw InputError(path, "cannot list the directory") }
    var files: [String: [String]] = [:]
    for name in names where !name.hasPrefix(".") {
      let full = path + "/" + name
      var entryIsDirectory: ObjCBool = false
      _ = manager.fileExists(atPath: full, isDirectory: &entryIsDirectory)
      // A directory named like an image (`b.png/`) is kept as image b's file, so reading it
      // names it ("is a directory, not a file") instead of image b seeming to have no file.
      if entryIsDirectory.boolValue && !Self.isImageName(name) {
        guard subdirectories, let inner = try? manager.contentsOfDirectory(atPath: full) else { continue }
        let images = inner.filter { !$0.hasPrefix(".") && Self.isImageName($0) }.map { full + "/" + $0 }
        if !images.isEmpty { files[name, default: []] += images }
      } else if Self.isImageName(name) {
        files[ImageList.imageID(name), default: []].append(full)
      }
    }
    self.files = files.mapValues { $0.sorted() }
  }

  /// The ids that have files, sorted.
  public var ids: [String] { files.keys.sorted() }

  /// Whether `name` ends in an image extension.
  static func isImageName(_ name: String) -> Bool {
    guard let dot = name.lastIndex(of: ".") else { return false }
    return ImageList.imageExtensions.contains(name[name.index(after: dot)...].lowercased())
  }
}
