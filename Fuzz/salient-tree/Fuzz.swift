// ssl-quality · Fuzz/salient-tree — libFuzzer target for the Salient ImageNet tree reader (Fuzz/run.sh builds it with
// -sanitize=fuzzer,address -DFUZZING); a plain build replays files: `fuzz-salient-tree FILE...`.

import FuzzDriver
import FuzzProbes

#if FUZZING
  /// SwiftPM links executables with `main` bound to `<module>_main`.
  @_cdecl("fuzz_salient_tree_main")
  func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    FuzzDriver.fuzz(argc, argv, ParserProbe.salientTree)
  }
#else
  @main struct Replay {
    static func main() { FuzzDriver.replay(ParserProbe.salientTree) }
  }
#endif
