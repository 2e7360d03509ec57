// ssl-quality · Fuzz/lists — libFuzzer target for the list-file readers, `--ids` and `--images` (Fuzz/run.sh
// builds it with -sanitize=fuzzer,address -DFUZZING); a plain build replays files: `fuzz-lists FILE...`.

import Foundation
import FuzzDriver
import FuzzProbes

@main enum ListsTarget: FuzzTarget {
  static func parse(_ bytes: Data) throws { try FinetuneProbe.lists(bytes) }
}
