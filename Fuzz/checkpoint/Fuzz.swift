// ssl-quality · Fuzz/checkpoint — libFuzzer target for the finetune checkpoint reader (Fuzz/run.sh builds it
// with -sanitize=fuzzer,address -DFUZZING); a plain build replays files: `fuzz-checkpoint FILE...`.

import Foundation
import FuzzDriver
import FuzzProbes

@main enum CheckpointTarget: FuzzTarget {
  static func parse(_ bytes: Data) throws { try FinetuneProbe.checkpoint(bytes) }
}
