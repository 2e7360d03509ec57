// ssl-quality · Fuzz/png — libFuzzer target for PNG decoding (Fuzz/run.sh builds it with
// -sanitize=fuzzer,address -DFUZZING); a plain build replays files: `fuzz-png FILE...`.

import FuzzDriver
import FuzzProbes

#if FUZZING
  /// SwiftPM links executables with `main` bound to `<module>_main`.
  @_cdecl("fuzz_png_main")
  func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    FuzzDriver.fuzz(argc, argv, ParserProbe.png)
  }
#else
  @main struct Replay {
    static func main() { FuzzDriver.replay(ParserProbe.png) }
  }
#endif
