// ssl-quality · Fuzz/npy — libFuzzer target for the .npy parser (Fuzz/run.sh builds it with
// -sanitize=fuzzer,address -DFUZZING); a plain build replays files: `fuzz-npy FILE...`.

import FuzzDriver
import FuzzProbes

#if FUZZING
  /// SwiftPM links executables with `main` bound to `<module>_main`.
  @_cdecl("fuzz_npy_main")
  func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    FuzzDriver.fuzz(argc, argv, ParserProbe.npy)
  }
#else
  @main struct Replay {
    static func main() { FuzzDriver.replay(ParserProbe.npy) }
  }
#endif
