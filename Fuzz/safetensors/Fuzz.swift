// ssl-quality · Fuzz/safetensors — libFuzzer target for the .safetensors parser (Fuzz/run.sh builds it with
// -sanitize=fuzzer,address -DFUZZING); a plain build replays files: `fuzz-safetensors FILE...`.

import Foundation
import FuzzDriver
import FuzzProbes

@main enum SafetensorsTarget: FuzzTarget {
  static func parse(_ bytes: Data) throws { try ParserProbe.safetensors(bytes) }
}
