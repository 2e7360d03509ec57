// ssl-quality · Fuzz/png — libFuzzer target for PNG decoding (Fuzz/run.sh builds it with
// -sanitize=fuzzer,address -DFUZZING); a plain build replays files: `fuzz-png FILE...`.

import Foundation
import FuzzDriver
import FuzzProbes

@main enum PNGTarget: FuzzTarget {
  static func parse(_ bytes: Data) throws { try ParserProbe.png(bytes) }
}
