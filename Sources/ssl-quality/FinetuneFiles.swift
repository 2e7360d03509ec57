// ssl-quality · FinetuneFiles.swift — finetune's files in its --out folder, staged in the output set.

import SSLQualityAnalysis
import SSLQualityFinetune
import SSLQualityIO
import SSLQualityReport

/// Stages everything `finetune` writes besides the checkpoints (which the session writes
/// after every epoch): per run `adapter.safetensors`, `head.safetensors`, `history.csv` and
/// the adapted `train.npy` / `test.npy`; `finetune.json` (the `--json` line) and `loss.svg`
/// in `--out`; the `--log` file.
enum FinetuneFiles {
  static func stage(_ outcome: FinetuneOutcome, json: String, log: String?, out: String, in outputs: OutputSet) throws {
    for run in outcome.runs {
      let folder = run.run.folder
      try AdapterFile.write(run.run.model.adapter, to: "\(folder)/adapter.safetensors", in: outputs)
      try HeadFile.write(run.run.model, to: "\(folder)/head.safetensors", in: outputs)
      try outputs.write(HistoryFile.text(run.run.history), to: "\(folder)/history.csv")
      if let train = run.train { try NPYWriter.write(train, to: "\(folder)/train.npy", in: outputs) }
      if let test = run.test { try NPYWriter.write(test, to: "\(folder)/test.npy", in: outputs) }
    }
    try outputs.write(json + "\n", to: "\(out)/finetune.json")
    try outputs.write(Plots.finetuneHistory(outcome.curves, subtitle: outcome.subtitle), to: "\(out)/loss.svg")
    if let log { try outputs.write(try FinetuneLog.text(outcome.runs.map(\.run)), to: log) }
  }
}
