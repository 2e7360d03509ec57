// ssl-quality · Fuzz/safetensors — libFuzzer target for the .safetensors parser.
//
// Fuzzing build (Fuzz/run.sh): swift build -c release --product fuzz-safetensors \
//   -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -use-ld=lld
// Plain build: `fuzz-safetensors FILE...` runs each file through the same parse (to replay a crash).

import Foundation
import SSLQualityIO

#if FUZZING
  import CFuzzSupport

  /// SwiftPM links executables with `main` bound to `<module>_main`; hand control to libFuzzer.
  @_cdecl("fuzz_safetensors_main")
  func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in
      guard let data else { return 0 }
      try? ParserProbe.safetensors(Data(bytes: data, count: size))
      return 0
    }
  }
#else
  @main
  struct Replay {
    static func main() {
      for path in CommandLine.arguments.dropFirst() {
        guard let bytes = FileManager.default.contents(atPath: path) else {
          print("\(path): unreadable")
          continue
        }
        do {
          try ParserProbe.safetensors(bytes)
          print("\(path): accepted")
        } catch {
          print("\(path): rejected: \(error)")
        }
      }
    }
  }
#endif
