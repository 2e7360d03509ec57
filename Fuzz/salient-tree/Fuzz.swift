// ssl-quality · Fuzz/salient-tree — libFuzzer target for the Salient ImageNet tree reader (Fuzz/run.sh builds it with
// -sanitize=fuzzer,address -DFUZZING); a plain build replays files: `fuzz-salient-tree FILE...`.

import Foundation
import FuzzDriver
import FuzzProbes

@main enum SalientTreeTarget: FuzzTarget {
  static func parse(_ bytes: Data) throws { try ParserProbe.salientTree(bytes) }
}
