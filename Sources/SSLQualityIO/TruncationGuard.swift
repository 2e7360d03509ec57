// ssl-quality · TruncationGuard.swift — a bad-input exit, not a crash, when a mapped input file shrinks.

import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Turns the `SIGBUS` a read of a memory-mapped input raises when another process
/// truncated the file after it was mapped into the usual bad-input outcome: one line naming
/// the file on stderr and exit code 2. Outputs are only renamed into place when a run
/// succeeds, so none appears, and the staged temporary files are removed (``StagedPaths``).
///
/// A `SIGBUS` at any address outside the registered maps is handed back to the handler
/// that was installed before (the Swift runtime's backtracer or the default action), so
/// other faults still crash as they would.
enum TruncationGuard {
  /// One mapped range and the line printed when a read inside it faults.
  private struct Slot {
    var start: UInt = 0
    var end: UInt = 0
    var line: UnsafeMutablePointer<CChar>? = nil
    var length = 0
  }

  private static let capacity = 128
  /// Invariant (why the handler may read these without the lock): slots are only
  /// changed under `lock`, `start` is written last when filling a slot and cleared first
  /// when emptying it, and a slot is emptied only after its range was unmapped, so a fault
  /// inside a registered range always finds a complete slot.
  nonisolated(unsafe) private static let slots: UnsafeMutablePointer<Slot> = {
    let slots = UnsafeMutablePointer<Slot>.allocate(capacity: capacity)
    slots.initialize(repeating: Slot(), count: capacity)
    return slots
  }()
  /// The handler before ours, restored for faults that are not ours.
  nonisolated(unsafe) private static var previous = sigaction()
  /// Whether our handler is installed; read and written under `lock`.
  nonisolated(unsafe) private static var installed = false
  private static let lock = NSLock()

  /// Registers the mapped bytes `base ..< base + count` of the file `path`; returns the
  /// slot to pass to ``forget(_:)`` once the range is unmapped, or `nil` when every slot
  /// is taken (the range is then unguarded).
  static func watch(_ base: UnsafeRawPointer, count: Int, path: String) -> Int? {
    lock.withLock { () -> Int? in
      if !installed {
        _ = slots  // initialised before the handler can read it
        var action = sigaction()
        action.__sigaction_handler.sa_sigaction = onBusError
        action.sa_flags = SA_SIGINFO
        sigemptyset(&action.sa_mask)
        installed = sigaction(SIGBUS, &action, &previous) == 0
        guard installed else { return nil }
      }
      guard let index = (0..<capacity).first(where: { slots[$0].start == 0 }) else { return nil }
      let text = "ssl-quality: \(InputError.escaped(path)): the file was truncated while being read\n"
      slots[index].line = strdup(text)
      slots[index].length = text.utf8.count
      slots[index].end = UInt(bitPattern: base) + UInt(count)
      slots[index].start = UInt(bitPattern: base)
      return index
    }
  }

  /// Releases the slot `index` returned; call after the range is unmapped.
  static func forget(_ index: Int) {
    lock.withLock {
      slots[index].start = 0
      free(slots[index].line)
      slots[index] = Slot()
    }
  }

  /// The signal handler: async-signal-safe (`write`, `_exit`, `sigaction` only).
  private static let onBusError: @convention(c) (Int32, UnsafeMutablePointer<siginfo_t>?, UnsafeMutableRawPointer?) -> Void = {
    _, info, _ in
    if let info {
      let address = UInt(bitPattern: info.pointee._sifields._sigfault.si_addr)
      for index in 0..<capacity {
        let slot = slots[index]
        if slot.start != 0 && address >= slot.start && address < slot.end, let line = slot.line {
          StagedPaths.removeAll()
          _ = write(2, line, slot.length)
          _exit(2)
        }
      }
    }
    // Not a mapped input: the faulting read repeats under the previous handler.
    _ = sigaction(SIGBUS, &previous, nil)
  }
}
