// ssl-quality · OutputFolder.swift — a folder a run writes into: created when missing, locked for the run.

import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A folder that holds a run's outputs (`--out DIR`): created with its missing parents when
/// it does not exist, and locked (`flock(LOCK_EX)` on the folder itself) for as long as this
/// value lives, so a second run into the same folder is refused instead of mixing its files
/// with the first's. The kernel releases the lock when the process ends, however it ends, so
/// no stale lock is ever left.
final class OutputFolder {
  let path: String
  /// The folders this run created, outermost first, each with its signal-table entry.
  private var created: [(path: String, entry: StagedPaths.Entry?)] = []
  private var descriptor: Int32 = -1

  /// Creates (when missing) and locks `path`, given to `flag`.
  ///
  /// - Throws: ``InputError`` naming `path` when it is something other than a folder,
  ///   cannot be created or written, or another run holds its lock (anything this call
  ///   created is removed again).
  init(_ path: String, flag: String) throws {
    self.path = path
    do {
      try create(flag: flag)
      guard access(path, W_OK | X_OK) == 0 else { throw InputError(path, "cannot write \(flag): the folder is not writable") }
      descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
      guard descriptor >= 0 else { throw InputError(path, "cannot open the \(flag) folder: \(FileCheck.describe(errno: errno))") }
      guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
        throw InputError(path, "another ssl-quality run is writing into this folder (\(flag)); wait for it to end or choose another folder")
      }
    } catch {
      removeCreated()
      throw error
    }
  }

  /// `mkdir -p`, recording each level it made.
  private func create(flag: String) throws {
    var missing: [String] = []
    var level = URL(fileURLWithPath: path).standardizedFileURL
    while true {
      var info = stat()
      if stat(level.path, &info) == 0 {
        guard info.st_mode & S_IFMT == S_IFDIR else {
          throw InputError(level.path == URL(fileURLWithPath: path).standardizedFileURL.path ? path : level.path,
            "\(flag) names \(FileCheck.kind(info.st_mode)), not a folder")
        }
        break
      }
      guard errno == ENOENT else { throw InputError(path, "cannot use the \(flag) folder: \(FileCheck.describe(errno: errno))") }
      missing.append(level.path)
      level = level.deletingLastPathComponent()
    }
    for folder in missing.reversed() {
      guard mkdir(folder, 0o777) == 0 || errno == EEXIST else {
        throw InputError(path, "cannot create the \(flag) folder: \(FileCheck.describe(errno: errno))")
      }
      created.append((folder, StagedPaths.registerFolder(folder)))
    }
  }

  /// Keeps the folders this run created (the run succeeded).
  func keep() {
    for folder in created { StagedPaths.forget(folder.entry) }
    created = []
  }

  /// Removes the folders this run created that are empty, innermost first.
  func removeCreated() {
    for folder in created.reversed() {
      _ = rmdir(folder.path)
      StagedPaths.forget(folder.entry)
    }
    created = []
  }

  deinit {
    if descriptor >= 0 { close(descriptor) }
  }
}
