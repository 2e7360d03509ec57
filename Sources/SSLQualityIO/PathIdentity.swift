// ssl-quality · PathIdentity.swift — what a path names on disk, so two spellings of one file compare equal.

import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// What a path names: an existing file by device and inode (through symbolic and hard
/// links), and every path by its resolved absolute form — `realpath` of the path, or of its
/// folder plus its name when the path does not exist yet.
struct PathIdentity {
  /// Device and inode of the existing file (after links), `nil` when nothing is there.
  var file: [UInt64]?
  /// Whether the path names an existing directory.
  var isDirectory = false
  /// The absolute path with every symbolic link of the existing part resolved.
  var resolved: String

  init(_ path: String) {
    var info = stat()
    if stat(path, &info) == 0 {
      file = [UInt64(info.st_dev), UInt64(info.st_ino)]
      isDirectory = info.st_mode & S_IFMT == S_IFDIR
    }
    resolved = Self.resolve(path)
  }

  /// Whether both paths name the same file: by device and inode when both exist, else by
  /// resolved path.
  func names(_ other: PathIdentity) -> Bool {
    if let file, let theirs = other.file { return file == theirs }
    return resolved == other.resolved
  }

  /// Whether this path lies inside the directory `folder` (at any depth).
  func lies(inside folder: PathIdentity) -> Bool {
    folder.isDirectory && resolved.hasPrefix(folder.resolved.hasSuffix("/") ? folder.resolved : folder.resolved + "/")
  }

  /// `realpath(path)`, or `realpath` of its folder joined with its name.
  private static func resolve(_ path: String) -> String {
    if let real = realPath(path) { return real }
    let url = URL(fileURLWithPath: path).standardizedFileURL
    guard let folder = realPath(url.deletingLastPathComponent().path) else { return url.path }
    return (folder.hasSuffix("/") ? folder : folder + "/") + url.lastPathComponent
  }

  private static func realPath(_ path: String) -> String? {
    guard let real = realpath(path, nil) else { return nil }
    defer { free(real) }
    return String(cString: real)
  }
}
