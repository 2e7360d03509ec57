// ssl-quality · Fuzz/safetensors — libFuzzer target for the .safetensors parser (Fuzz/run.sh builds it with
// -sanitize=fuzzer,address -DFUZZING); a plain build replays files: `fuzz-safetensors FILE...`.

import FuzzDriver
import FuzzProbes

#if FUZZING
  /// SwiftPM links executables with `main` bound to `<module>_main`.
  @_cdecl("fuzz_safetensors_main")
  func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    FuzzDriver.fuzz(argc, argv, ParserProbe.safetensors)
  }
#else
  @main struct Replay {
    static func main() { FuzzDriver.replay(ParserProbe.safetensors) }
  }
#endif
