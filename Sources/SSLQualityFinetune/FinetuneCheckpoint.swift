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
/// | `model.<name>` | F32, every parameter, running statistic and momentum-target tensor; MoCo's queue (`model.memory_bank`), DINO's centre (`model.center`) |
/// | `model.<head>.num_batches_tracked` | I64 `[1]`, BatchNorm counters |
/// | `model.memory_bank_pointer` | I64 `[1]`, MoCo: the queue row the next key goes to |
/// | `optimizer.<name>.exp_avg`, `.exp_avg_sq`, `.momentum_buffer` | F32 optimiser state |
/// | `optimizer.steps` | I64, AdamW's step count |
/// | `history` | I64 `[epochs · 7]`, the bit patterns of the float64 values epoch, objective, R, Q mean, empty share, active share, lr per epoch |
/// | `collapse` | I64 `[4]`, bit patterns of float64 epoch, reason (0 inactive, 1 non-finite), active share, threshold, when the collapse guard stopped the run |
///
/// (Float64 values travel as their bit patterns so that a resumed history is exact.)
///
/// The shuffling generator is reseeded per epoch from the seed and the epoch number
/// (``FinetuneTrainer/order(epoch:)``), so the epoch count is its whole state.
public enum FinetuneCheckpoint {
  /// Writes `trainer`'s state to `path` atomically.
  public static func write(_ trainer: FinetuneTrainer, to path: String) throws {
    let settings = try settingsJSON(trainer.settings)
    var entries: [SafeTensorsWriter.Entry] = [
      .integers("settings", settings.map(Int64.init)), .integers("shape", [Int64(trainer.samples), Int64(trainer.features)]),
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

  /// The run saved in `path`, checked against the `settings` and view shape of the run
  /// that wants to continue it.
  ///
  /// - Throws: ``InputError`` naming `path` when it is not such a checkpoint or was made
  ///   with other settings or views.
  public static func read(_ path: String, settings: FinetuneSettings, samples: Int, features: Int) throws -> FinetuneTrainer {
    let members = try ArrayFile.safetensorsMembers(path)
    func member(_ name: String) throws -> StoredArray {
      guard let array = members[name] else { throw InputError(path, "not a finetune checkpoint: no tensor '\(name)'") }
      return array
    }
    func integers(_ name: String) throws -> [Int] { try member(name).labels() }
    guard try integers("settings") == (try settingsJSON(settings)).map(Int.init) else {
      throw InputError(path, "was written by a run with other settings; resume with the same flags or remove it")
    }
    guard try integers("shape") == [samples, features] else {
      throw InputError(path, "was written for views of another shape")
    }
    var trainer = FinetuneTrainer(settings: settings, samples: samples, features: features)
    var state = trainer.model.state
    for index in 0..<state.count {
      let name = state.names[index]
      let tensor = try NamedTensors.floatTensor(try member("model.\(name)"), name: "model.\(name)", path: path)
      guard tensor.shape == state.tensors[index].shape else {
        throw InputError(path, "model.\(name) has shape \(tensor.shape), expected \(state.tensors[index].shape)")
      }
      state.set(index, tensor)
    }
    trainer.model.state = state
    var counts: [String: Int] = [:]
    for (name, _) in trainer.model.counters {
      guard let count = try integers("model.\(name)").first else { throw InputError(path, "model.\(name) is empty") }
      counts[name] = count
    }
    trainer.model.setCounters(counts)
    var optimizerState = ParameterSet<Float>()
    for (name, array) in members where name.hasPrefix("optimizer.") && name != "optimizer.steps" {
      optimizerState[String(name.dropFirst("optimizer.".count))] = try NamedTensors.floatTensor(array, name: name, path: path)
    }
    let steps = try integers("optimizer.steps").first ?? 0
    trainer.optimizer.restore(optimizerState, steps: steps, parameters: trainer.model.parameters)
    let values = try integers("history").map(double)
    let width = EpochRecord.fieldNames.count
    guard values.count % width == 0 else { throw InputError(path, "history holds \(values.count) numbers, not rows of \(width)") }
    trainer.history = try stride(from: 0, to: values.count, by: width).map { start in
      guard let record = EpochRecord(fields: Array(values[start..<(start + width)])) else {
        throw InputError(path, "history row \(start / width) is not an epoch record")
      }
      return record
    }
    if let collapse = members["collapse"] {
      let c = try collapse.labels().map(double)
      guard c.count == 4 else { throw InputError(path, "collapse must hold 4 numbers") }
      trainer.collapse = CollapseStop(epoch: Int(c[0]), reason: c[1] == 0 ? .inactive : .nonFinite, activeShare: c[2], threshold: c[3])
    }
    return trainer
  }

  private static func bits(_ value: Double) -> Int64 { Int64(bitPattern: value.bitPattern) }
  private static func double(_ value: Int) -> Double { Double(bitPattern: UInt64(bitPattern: Int64(value))) }

  private static func settingsJSON(_ settings: FinetuneSettings) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return try encoder.encode(settings)
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
