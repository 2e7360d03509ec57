// ssl-quality · Fuzz/csv — libFuzzer target for the CSV reader and the crowd-sourcing verdicts (Fuzz/run.sh builds it with
// -sanitize=fuzzer,address -DFUZZING); a plain build replays files: `fuzz-csv FILE...`.

import FuzzDriver
import FuzzProbes

#if FUZZING
  /// SwiftPM links executables with `main` bound to `<module>_main`.
  @_cdecl("fuzz_csv_main")
  func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    FuzzDriver.fuzz(argc, argv, ParserProbe.csv)
  }
#else
  @main struct Replay {
    static func main() { FuzzDriver.replay(ParserProbe.csv) }
  }
#endif
