// ssl-quality · Fuzz/csv — libFuzzer target for the CSV reader and the crowd-sourcing verdicts (Fuzz/run.sh builds it with
// -sanitize=fuzzer,address -DFUZZING); a plain build replays files: `fuzz-csv FILE...`.

import Foundation
import FuzzDriver
import FuzzProbes

@main enum CSVTarget: FuzzTarget {
  static func parse(_ bytes: Data) throws { try ParserProbe.csv(bytes) }
}
