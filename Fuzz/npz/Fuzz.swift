// ssl-quality · Fuzz/npz — libFuzzer target for the .npz parser (Fuzz/run.sh builds it with
// -sanitize=fuzzer,address -DFUZZING); a plain build replays files: `fuzz-npz FILE...`.

import Foundation
import FuzzDriver
import FuzzProbes

@main enum NPZTarget: FuzzTarget {
  static func parse(_ bytes: Data) throws { try ParserProbe.npz(bytes) }
}
