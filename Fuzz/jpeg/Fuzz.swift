// ssl-quality · Fuzz/jpeg — libFuzzer target for JPEG decoding (Fuzz/run.sh builds it with
// -sanitize=fuzzer,address -DFUZZING); a plain build replays files: `fuzz-jpeg FILE...`.

import Foundation
import FuzzDriver
import FuzzProbes

@main enum JPEGTarget: FuzzTarget {
  static func parse(_ bytes: Data) throws { try ParserProbe.jpeg(bytes) }
}
