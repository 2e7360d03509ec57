// ssl-quality · Fuzz/pytorch — libFuzzer target for torch.save files and their restricted pickle reader
// (Fuzz/run.sh builds it with -sanitize=fuzzer,address -DFUZZING); a plain build replays files: `fuzz-pytorch FILE...`.

import Foundation
import FuzzDriver
import FuzzProbes

@main enum PyTorchTarget: FuzzTarget {
  static func parse(_ bytes: Data) throws { try ParserProbe.pytorch(bytes) }
}
