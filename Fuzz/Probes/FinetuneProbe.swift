// ssl-quality · FinetuneProbe.swift — reads of untrusted checkpoints, adapters, heads and list files, for the fuzz targets.

import Foundation
import SSLQuality
import SSLQualityFinetune
import SSLQualityIO
import SSLQualityTraining

/// Runs the fine-tuning readers (and the list-file readers) over bytes held in memory, the
/// way `finetune --resume`, `--head`, `adapt`, `--ids` and `--images` read their files, and
/// uses what they accept. Thrown ``InputError``s are the expected outcome for malformed
/// input; anything else (a crash, a hang, an allocation the file merely claims) is a bug.
public enum FinetuneProbe {
  /// Two aligned 8 × 4 views of small whole numbers: `view[k][i, j] = (7 (4i + j) + 3k) mod 11 − 5`
  /// (exact in float32; `fixtures/fuzz/views/view0.npy` and `view1.npy` hold the same).
  public static let views: [Matrix] = [view(0), view(1)]

  private static func view(_ k: Int) -> Matrix {
    let values: [Float] = (0..<32).map { (index: Int) -> Float in Float((7 * index + 3 * k) % 11 - 5) }
    return Matrix(rows: 8, columns: 4, values: values)
  }

  /// The runs whose checkpoints `fuzz-checkpoint` reads, as `finetune --views view0.npy
  /// view1.npy --epochs 1 --batch-size 4 --head-hidden 8 --head-output 4` sets them with
  /// `--objective simclr`; `--objective moco --optimizer sgd --memory-bank-size 8`; and
  /// `--objective dino --head-bottleneck 2` (the seeds in `fixtures/fuzz/checkpoint`).
  public static let runs: [FinetuneSettings] = [
    FinetuneSettings(objective: .simclr, features: 4, headHidden: 8, headOutput: 4, epochs: 1, batchSize: 4),
    FinetuneSettings(objective: .moco, features: 4, headHidden: 8, headOutput: 4, epochs: 1, batchSize: 4, optimizer: .sgd, memoryBankSize: 8),
    FinetuneSettings(objective: .dino, features: 4, headHidden: 8, headOutput: 4, epochs: 1, batchSize: 4, headBottleneck: 2),
  ]

  /// Reads `bytes` as the checkpoint of each of ``runs``; a checkpoint one accepts then
  /// takes a training step from the state it restored. Throws every run's refusal when
  /// none accepts it.
  public static func checkpoint(_ bytes: Data) throws {
    try withFile(bytes, suffix: "safetensors") { path in
      let record = try CheckpointViews(views)
      var refusals: [String] = []
      for settings in runs {
        var trainer: FinetuneTrainer
        do { trainer = try FinetuneCheckpoint.read(path, settings: settings, views: record) } catch {
          refusals.append("\(settings.objective.rawValue): \(error)")
          continue
        }
        let batches = views.map { Tensor<Float>(gathering: Array(0..<settings.batchSize)[...], of: $0) }
        let step = trainer.epochsDone * settings.stepsPerEpoch(samples: trainer.samples)
        _ = trainer.trainStep(batches, step: step, regularizer: settings.regularizer(features: trainer.features), context: .serial)
      }
      if refusals.count == runs.count { throw InputError(path, refusals.joined(separator: "; ")) }
    }
  }

  /// Reads `bytes` as an adapter (and applies it to two rows of its width) and as a
  /// pretrained head for the first of ``runs``.
  public static func adapter(_ bytes: Data) throws {
    try withFile(bytes, suffix: "safetensors") { path in
      if let adapter = try? AdapterFile.read(path) {
        _ = adapter.forward(Tensor(rows: 2, columns: adapter.fc1.inputs, scalars: [Float](repeating: 0.5, count: 2 * adapter.fc1.inputs)), training: false)
      }
      for prefix in ["", "model."] { _ = try? HeadFile.read(path, prefix: prefix, settings: runs[0], features: 4) }
    }
  }

  /// Reads `bytes` as an `--ids` file for a matrix of 3 rows and as an `--images` list.
  public static func lists(_ bytes: Data) throws {
    try withFile(bytes, suffix: "txt") { path in
      _ = try? SampleIDs.read(path, rows: 3, of: "fuzz.npy")
      if let list = try? ImageList(contentsOf: path) { for index in 0..<list.count { _ = list.describe(index) } }
    }
  }

  /// Writes `bytes` to a temporary file ending in `.suffix` and calls `body` with its path.
  private static func withFile(_ bytes: Data, suffix: String, _ body: (String) throws -> Void) throws {
    let path = NSTemporaryDirectory() + "ssl-quality-fuzz-\(getpid()).\(suffix)"
    defer { unlink(path) }
    try bytes.write(to: URL(fileURLWithPath: path))
    try body(path)
  }
}
