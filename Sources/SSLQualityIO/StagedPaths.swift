// ssl-quality · StagedPaths.swift — a run's staged temporaries and new folders, removed when a signal ends it.

import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Every temporary file an ``OutputSet`` has staged and every output folder it created, in
/// fixed tables a signal handler can read. ``installSignalHandlers()`` (called once by the
/// program, never by the library on its own) makes SIGINT and SIGTERM remove them: the
/// handler unlinks the temporary files, removes the new folders that are empty by then
/// (innermost first), writes one line on stderr and ends the process with the signal's
/// default action, so the shell sees the signal. SIGXFSZ is ignored instead, so a write past
/// the file-size limit (`ulimit -f`) fails with `EFBIG` and is reported as "file too large"
/// naming the file. ``TruncationGuard`` calls ``removeAll()`` before its own exit.
///
/// Invariant (why the handler may read the tables without the lock): entries change only
/// under `lock`; a filled entry's path pointer is stored last and cleared first, and freed
/// only after it was cleared. The handler calls only `unlink`, `rmdir`, `write`, `signal`
/// and `raise`, which are async-signal-safe.
public enum StagedPaths {
  private static let fileCapacity = 4096, folderCapacity = 64
  nonisolated(unsafe) private static let files: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
    let table = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: fileCapacity)
    table.initialize(repeating: nil, count: fileCapacity)
    return table
  }()
  nonisolated(unsafe) private static let folders: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
    let table = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: folderCapacity)
    table.initialize(repeating: nil, count: folderCapacity)
    return table
  }()
  /// The lines the handler writes, prepared before it can run.
  nonisolated(unsafe) private static var interruptLine: UnsafeMutablePointer<CChar>? = nil
  nonisolated(unsafe) private static var terminateLine: UnsafeMutablePointer<CChar>? = nil
  private static let lock = NSLock()

  /// A registered path: which table and which entry.
  struct Entry {
    fileprivate var folder: Bool
    fileprivate var index: Int
  }

  /// Registers the temporary file `path`; `nil` when the table is full (the file is then
  /// still removed by a failed or released set, only not by a signal).
  static func registerFile(_ path: String) -> Entry? { register(path, in: files, capacity: fileCapacity).map { Entry(folder: false, index: $0) } }

  /// Registers the folder `path`, created for outputs; folders are removed innermost first,
  /// so register a folder after its parent.
  static func registerFolder(_ path: String) -> Entry? {
    register(path, in: folders, capacity: folderCapacity).map { Entry(folder: true, index: $0) }
  }

  private static func register(_ path: String, in table: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>, capacity: Int) -> Int? {
    lock.withLock {
      guard let index = (0..<capacity).first(where: { table[$0] == nil }) else { return nil }
      table[index] = strdup(path)
      return index
    }
  }

  /// Forgets `entry` (its file was renamed into place or removed, or its folder is kept).
  static func forget(_ entry: Entry?) {
    guard let entry else { return }
    lock.withLock {
      let table = entry.folder ? folders : files
      let path = table[entry.index]
      table[entry.index] = nil
      free(path)
    }
  }

  /// Unlinks every registered temporary file and removes every registered folder that is
  /// empty, innermost first. Async-signal-safe.
  static func removeAll() {
    for index in 0..<fileCapacity { if let path = files[index] { _ = unlink(path) } }
    for index in stride(from: folderCapacity - 1, through: 0, by: -1) { if let path = folders[index] { _ = rmdir(path) } }
  }

  /// Makes SIGINT and SIGTERM remove the staged paths and end the run with a message (and
  /// unblocks them, should the parent have started the program with them blocked), and
  /// turns SIGXFSZ into a failed write (`EFBIG`).
  public static func installSignalHandlers() {
    lock.withLock {
      _ = files
      _ = folders
      interruptLine = strdup("ssl-quality: interrupted (SIGINT); unfinished outputs removed\n")
      terminateLine = strdup("ssl-quality: terminated (SIGTERM); unfinished outputs removed\n")
    }
    signal(SIGINT, onSignal)
    signal(SIGTERM, onSignal)
    signal(SIGXFSZ, SIG_IGN)
    // A blocked signal mask survives exec: a parent that starts the program from a thread
    // blocking these signals (a dispatch worker does) would leave them pending for good.
    var handled = sigset_t()
    sigemptyset(&handled)
    sigaddset(&handled, SIGINT)
    sigaddset(&handled, SIGTERM)
    pthread_sigmask(SIG_UNBLOCK, &handled, nil)
  }

  /// The handler of SIGINT and SIGTERM.
  private static let onSignal: @convention(c) (Int32) -> Void = { number in
    removeAll()
    if let line = number == SIGINT ? interruptLine : terminateLine { _ = write(2, line, strlen(line)) }
    signal(number, SIG_DFL)
    raise(number)
  }
}
