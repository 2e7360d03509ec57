// ssl-quality · FuzzDriver.swift — what every fuzz target shares: its entry point, libFuzzer's driver or replay.

import Foundation

#if FUZZING
  import CFuzzSupport
#endif

/// Runs a parser under libFuzzer (fuzzing builds, `-DFUZZING`) or over files named on the
/// command line (plain builds, to replay a crash).
public enum FuzzDriver {
  nonisolated(unsafe) fileprivate static var target: ((Data) throws -> Void)?

  #if FUZZING
    /// Hands control to libFuzzer with `parse` as the target; errors it throws are expected.
    static func fuzz(
      _ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ parse: @escaping (Data) throws -> Void
    ) -> Int32 {
      target = parse
      var count = argc
      var arguments = argv
      return LLVMFuzzerRunDriver(&count, &arguments, fuzzOneInput)
    }
  #endif

  /// Runs `parse` over each file named on the command line and says what it made of it.
  static func replay(_ parse: (Data) throws -> Void) {
    for path in CommandLine.arguments.dropFirst() {
      guard let bytes = FileManager.default.contents(atPath: path) else {
        print("\(path): unreadable")
        continue
      }
      do {
        try parse(bytes)
        print("\(path): accepted")
      } catch {
        print("\(path): rejected: \(error)")
      }
    }
  }
}

#if FUZZING
  /// Runs the target on one input. Also libFuzzer's `LLVMFuzzerTestOneInput`: its archive's
  /// own `main`, which the link pulls in although SwiftPM's `main` is the one that runs,
  /// refers to that name.
  @_cdecl("LLVMFuzzerTestOneInput")
  func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    try? FuzzDriver.target?(Data(bytes: data, count: size))
    return 0
  }
#endif

/// A fuzz target: the parse it runs. `@main` on a conforming type makes it an executable's
/// entry point: libFuzzer's driver in fuzzing builds (`-DFUZZING`), replay of the files named
/// on the command line otherwise.
public protocol FuzzTarget {
  /// Parses untrusted `bytes`; a thrown error is the expected outcome for malformed input.
  static func parse(_ bytes: Data) throws
}

extension FuzzTarget {
  public static func main() {
    #if FUZZING
      exit(FuzzDriver.fuzz(CommandLine.argc, CommandLine.unsafeArgv, parse))
    #else
      FuzzDriver.replay(parse)
    #endif
  }
}
