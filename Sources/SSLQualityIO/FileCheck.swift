// ssl-quality · FileCheck.swift — what kind of thing a path names, checked before it is opened.

#if canImport(Glibc)
  import Glibc
#endif

/// Checks that a path names what a command expects — a regular file or a directory —
/// before anything is opened, so a FIFO never blocks a read, and problems are named in
/// plain words: "no such file or directory", "symbolic link loop", "is a directory", "is a
/// FIFO (named pipe)", "permission denied".
enum FileCheck {
  /// What the file type bits of `mode` name, for messages.
  static func kind(_ mode: mode_t) -> String {
    switch mode & S_IFMT {
    case S_IFDIR: "a directory"
    case S_IFIFO: "a FIFO (named pipe)"
    case S_IFSOCK: "a socket"
    case S_IFCHR: "a character device"
    case S_IFBLK: "a block device"
    case S_IFREG: "a regular file"
    default: "not a regular file"
    }
  }

  /// `errno` of a failed `stat` or `open` in plain words.
  static func describe(errno code: Int32) -> String {
    switch code {
    case ENOENT: "no such file or directory"
    case ELOOP: "symbolic link loop"
    case EACCES, EPERM: "permission denied"
    case ENOTDIR: "a component of the path is not a directory"
    case ENAMETOOLONG: "path is too long"
    case EISDIR: "is a directory, not a file"
    default: String(cString: strerror(code))
    }
  }

  /// The `stat` of `path`, following symbolic links.
  ///
  /// - Throws: ``InputError`` naming `path` when it cannot be examined.
  static func status(_ path: String) throws -> stat {
    var info = stat()
    guard stat(path, &info) == 0 else { throw InputError(path, describe(errno: errno)) }
    return info
  }

  /// Opens the regular file at `path` for reading and returns it with its size, the one way
  /// every input file is opened. `O_NONBLOCK` makes opening a FIFO return at once instead of
  /// waiting for a writer; `fstat` on the open descriptor then refuses anything but a
  /// non-empty regular file (FIFO, device, socket, directory), so nothing is ever read
  /// from a special file and the check cannot be raced by swapping the path.
  ///
  /// - Throws: ``InputError`` naming `path`: missing, unreadable, a symbolic link loop, a
  ///   directory, a special file, or empty.
  static func openRegularFile(_ path: String) throws -> (file: OpenFile, size: Int) {
    let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    guard fd >= 0 else { throw InputError(path, describe(errno: errno)) }
    let file = OpenFile(descriptor: fd)
    var info = stat()
    guard fstat(fd, &info) == 0 else { throw InputError(path, "cannot read: \(describe(errno: errno))") }
    try requireRegular(info.st_mode, path: path)
    let size = Int(info.st_size)
    guard size > 0 else { throw InputError(path, "file is empty") }
    return (file, size)
  }

  /// Throws unless `mode` is that of a regular file; `path` names it in the message.
  private static func requireRegular(_ mode: mode_t, path: String) throws {
    if mode & S_IFMT == S_IFDIR { throw InputError(path, "is a directory, not a file") }
    guard mode & S_IFMT == S_IFREG else { throw InputError(path, "is \(kind(mode)), not a regular file") }
  }

  /// Throws unless `path` is a regular file.
  static func regularFile(_ path: String) throws {
    try requireRegular(status(path).st_mode, path: path)
  }

  /// Throws unless `path` is a directory; `role` says what it should hold, for messages.
  static func directory(_ path: String, role: String = "a directory") throws {
    let mode = try status(path).st_mode
    guard mode & S_IFMT == S_IFDIR else { throw InputError(path, "is \(kind(mode)), expected \(role)") }
  }

  /// Whether `path` names a directory (following links); `false` when it cannot be examined.
  static func isDirectory(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
  }
}
