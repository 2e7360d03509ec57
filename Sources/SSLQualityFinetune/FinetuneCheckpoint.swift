// ssl-quality · FinetuneCheckpoint.swift — a run's whole state in one .safetensors file.

import Foundation
import SSLQualityIO
import SSLQualityTraining

/// The checkpoint a run writes atomically after every epoch, and reads on `--resume`:
///
/// | tensor | content |
/// | --- | --- |
/// | `settings` | I64, the UTF-8 bytes of the run's knobs as JSON (a resumed run must have the same; also in the header's `__metadata__`) |
/// | `shape` | I64 `[samples, features]` of the views |
/// | `digest` | I64 `[32]`, the bytes of SHA-256(settings JSON ‖ ``CheckpointViews/digest``): the views' number, shapes and values and the settings |
/// | `model.<name>` | F32, every parameter, running statistic and momentum-target tensor; MoCo's queue (`model.memory_bank`), DINO's centre (`model.center`) |
/// | `model.<head>.num_batches_tracked` | I64 `[1]`, BatchNorm counters |
/// | `model.memory_bank_pointer` | I64 `[1]`, MoCo: the queue row the next key goes to |
/// | `optimizer.<name>.exp_avg`, `.exp_avg_sq`, `.momentum_buffer` | F32 optimiser state |
/// | `optimizer.steps` | I64 `[1]`, AdamW's step count (0 for SGD and LARS) |
/// | `history` | I64 `[epochs · 7]`, the bit patterns of the float64 values epoch, objective, R, Q mean, empty share, active share, lr per epoch |
/// | `collapse` | I64 `[4]`, bit patterns of float64 epoch, reason (0 inactive, 1 non-finite), active share, threshold, when the collapse guard stopped the run |
///
/// (Float64 values travel as their bit patterns so that a resumed history is exact.)
///
/// Reading checks the file like any input: every tensor's name, type and shape against the
/// run's model before its values are read (so a damaged header allocates nothing), finite
/// floats, the digest, the history and collapse record against the run's schedule and
/// guard (``history(_:collapse:settings:samples:file:)``), the step count against the epochs
/// done, the queue pointer within the queue, each BatchNorm counter within the batches
/// the epochs done have seen, and no tensor besides these.
///
/// The shuffling generator is reseeded per epoch from the seed and the epoch number
/// (``FinetuneTrainer/order(epoch:)``), so the epoch count is its whole state.
public enum FinetuneCheckpoint {
  /// Writes `trainer`'s state, a run over `views`, to `path` atomically.
  public static func write(_ trainer: FinetuneTrainer, views: CheckpointViews, to path: String) throws {
    let settings = try settingsJSON(trainer.settings)
    var entries: [SafeTensorsWriter.Entry] = [
      .integers("settings", settings.map(Int64.init)), .integers("shape", [Int64(trainer.samples), Int64(trainer.features)]),
      .integers("digest", try digest(settings: settings, views: views).map(Int64.init)),
    ]
    let state = trainer.model.state
    for (name, tensor) in zip(state.names, state.tensors) { entries.append(.floats("model.\(name)", tensor)) }
    for (name, count) in trainer.model.counters {
      entries.append(.integers("model.\(name)", [Int64(count)]))
    }
    let (optimizerState, steps) = trainer.optimizer.state(for: trainer.model.parameters)
    for (name, tensor) in zip(optimizerState.names, optimizerState.tensors) { entries.append(.floats("optimizer.\(name)", tensor)) }
    entries.append(.integers("optimizer.steps", [Int64(steps)]))
    entries.append(.integers("history", trainer.history.flatMap(\.fields).map(bits)))
    if let stop = trainer.collapse {
      entries.append(.integers("collapse", [Double(stop.epoch), stop.reason == .inactive ? 0 : 1, stop.activeShare, stop.threshold].map(bits)))
    }
    try SafeTensorsWriter.write(entries, metadata: ["settings": String(decoding: settings, as: UTF8.self)], to: path)
  }

  /// The run saved in `path`, checked against the `settings` and `views` of the run that
  /// wants to continue it.
  ///
  /// - Throws: ``InputError`` naming `path` (and the tensor) when it is not such a
  ///   checkpoint, is damaged, or was made with other settings or views.
  public static func read(_ path: String, settings: FinetuneSettings, views: CheckpointViews) throws -> FinetuneTrainer {
    var file = try CheckpointTensors(path)
    let json = try settingsJSON(settings)
    guard try file.integers("settings", atMost: max(json.count, 1 << 16), what: "a run's settings as JSON") == json.map(Int.init) else {
      throw file.error("settings", "differs: the checkpoint was written by a run with other settings; resume with the same flags or remove it")
    }
    let shape = try file.integers("shape", count: 2)
    guard shape == [views.samples, views.features] else {
      throw file.error("shape", "is \(shape): the checkpoint was written for views of another shape than these \(views.samples) × \(views.features)")
    }
    let recorded = try file.integers("digest", count: 32)
    var trainer = FinetuneTrainer(settings: settings, samples: views.samples, features: views.features)
    let width = EpochRecord.fieldNames.count
    let (limit, overflow) = settings.epochs.multipliedReportingOverflow(by: width)
    let fields = try file.integers("history", atMost: overflow ? .max : limit, what: "\(width) for each of the run's \(settings.epochs) epochs").map(double)
    let collapse = file.contains("collapse") ? try file.integers("collapse", count: 4).map(double) : nil
    (trainer.history, trainer.collapse) = try history(fields, collapse: collapse, settings: settings, samples: views.samples, file: file)
    let stepsDone = trainer.history.count * settings.stepsPerEpoch(samples: views.samples)

    var state = trainer.model.state
    for index in 0..<state.count {
      state.set(index, try file.floats("model.\(state.names[index])", shape: state.tensors[index].shape))
    }
    trainer.model.state = state
    var counts: [String: Int] = [:]
    for (name, _) in trainer.model.counters {
      let count = try file.integers("model.\(name)", count: 1)[0]
      if name == "memory_bank_pointer" {
        let rows = trainer.model.memoryBank?.rows ?? 0
        guard (0..<rows).contains(count) else { throw file.error("model.\(name)", "is \(count), outside the queue's rows 0..<\(rows)") }
      } else {
        let most = stepsDone * views.count
        guard (0...most).contains(count), stepsDone == 0 || count % stepsDone == 0 else {
          throw file.error("model.\(name)", "is \(count), not a count of batches the \(stepsDone) steps done over \(views.count) views have seen")
        }
      }
      counts[name] = count
    }
    trainer.model.setCounters(counts)

    let steps = try file.integers("optimizer.steps", count: 1)[0]
    let expectedSteps = settings.optimizer == .adamw ? stepsDone : 0
    guard steps == expectedSteps else {
      throw file.error("optimizer.steps", "is \(steps), but the \(trainer.history.count) epochs done make \(expectedSteps)")
    }
    let parameters = trainer.model.parameters
    var optimizerState = ParameterSet<Float>()
    for (name, tensor) in zip(parameters.names, parameters.tensors) {
      for suffix in optimizerSuffixes(settings) where stepsDone > 0 {
        optimizerState["\(name).\(suffix)"] = try file.floats("optimizer.\(name).\(suffix)", shape: tensor.shape)
      }
    }
    try file.checkNothingElse()
    // Last, so that every check above also runs on a file whose digest cannot match (a fuzzer's).
    guard recorded == (try digest(settings: json, views: views)).map(Int.init) else {
      throw file.error("digest", "differs: the checkpoint was written for other views; resume with the same --views or remove it")
    }
    trainer.optimizer.restore(optimizerState, steps: steps, parameters: parameters)
    return trainer
  }

  /// The optimiser state each parameter has once a step was taken: AdamW's two moments,
  /// SGD's and LARS's momentum buffer (none without momentum).
  private static func optimizerSuffixes(_ settings: FinetuneSettings) -> [String] {
    switch settings.optimizer {
    case .adamw: ["exp_avg", "exp_avg_sq"]
    case .sgd, .lars: settings.momentum == 0 ? [] : ["momentum_buffer"]
    }
  }

  /// SHA-256 of the settings JSON followed by the views' digest.
  private static func digest(settings: [UInt8], views: CheckpointViews) throws -> [UInt8] {
    let hash = try SHA256Digest(name: "checkpoint digest")
    hash.update(settings)
    hash.update(views.digest)
    return try hash.finish()
  }

  private static func bits(_ value: Double) -> Int64 { Int64(bitPattern: value.bitPattern) }
  private static func double(_ value: Int) -> Double { Double(bitPattern: UInt64(bitPattern: Int64(value))) }

  private static func settingsJSON(_ settings: FinetuneSettings) throws -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return Array(try encoder.encode(settings))
  }
}

extension SafeTensorsWriter.Entry {
  /// A float32 tensor of `tensor`'s shape.
  static func floats(_ name: String, _ tensor: Tensor<Float>) -> Self {
    Self(name: name, shape: tensor.shape, values: .float32(tensor.scalars))
  }

  /// A 1-D int64 tensor.
  static func integers(_ name: String, _ values: [Int64]) -> Self {
    Self(name: name, shape: [values.count], values: .int64(values))
  }
}
