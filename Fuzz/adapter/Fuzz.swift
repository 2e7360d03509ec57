// ssl-quality · Fuzz/adapter — libFuzzer target for the adapter and pretrained-head readers (Fuzz/run.sh builds
// it with -sanitize=fuzzer,address -DFUZZING); a plain build replays files: `fuzz-adapter FILE...`.

import Foundation
import FuzzDriver
import FuzzProbes

@main enum AdapterTarget: FuzzTarget {
  static func parse(_ bytes: Data) throws { try FinetuneProbe.adapter(bytes) }
}
