// ssl-quality · Fuzz/npy — libFuzzer target for the .npy parser (Fuzz/run.sh builds it with
// -sanitize=fuzzer,address -DFUZZING); a plain build replays files: `fuzz-npy FILE...`.

import Foundation
import FuzzDriver
import FuzzProbes

@main enum NPYTarget: FuzzTarget {
  static func parse(_ bytes: Data) throws { try ParserProbe.npy(bytes) }
}
