// ssl-quality · HeadFile.swift — a pretrained head from a .safetensors file in lightly's names.

import SSLQuality
import SSLQualityIO
import SSLQualityTraining

/// Reads a user's pretrained head: every tensor of the file must be named `PREFIX` + one
/// of the model's head names (`projection_head.layers.0.weight`, …,
/// `projection_head.last_layer.weight_v` (DINO), `prediction_head.layers.…`,
/// `prototypes.heads.0.weight` (SwAV), or a BatchNorm's `num_batches_tracked`, which is ignored)
/// and have that tensor's shape.
public enum HeadFile {
  /// The head tensors of `path` for the heads of a run with `settings` on `features`
  /// input features (only the heads are built, for their names and shapes), with
  /// `prefix` removed from their names.
  ///
  /// - Throws: ``InputError`` naming `path` for an unknown key, a wrong shape, a
  ///   non-float or non-finite tensor, or a file with no head tensor.
  public static func read(_ path: String, prefix: String, settings: FinetuneSettings, features: Int) throws -> ParameterSet<Float> {
    var random = SeededGenerator(seed: settings.seed)
    let heads = settings.objective.heads(
      features: features, hidden: settings.headHidden, output: settings.headOutput, bottleneck: settings.headBottleneck ?? 1,
      prototypes: settings.prototypes ?? 1, random: &random)
    let expected = heads.state
    let counters = Set(heads.batchesTracked.map(\.name))
    var out = ParameterSet<Float>()
    for (key, array) in try NamedTensors.read(path).sorted(by: { $0.key < $1.key }) {
      guard key.hasPrefix(prefix) else {
        throw InputError(path, "unknown head key '\(key)': it does not start with the prefix '\(prefix)'")
      }
      let name = String(key.dropFirst(prefix.count))
      if counters.contains(name) { continue }
      guard let target = expected[name] else {
        let known = expected.names.prefix(4).joined(separator: ", ")
        throw InputError(path, "unknown head key '\(key)' (this objective's head has \(known), …)")
      }
      let tensor = try NamedTensors.floatTensor(array, name: key, path: path)
      guard tensor.shape == target.shape else {
        throw InputError(path, "\(key) has shape \(tensor.shape), the head needs \(target.shape)")
      }
      out[name] = tensor
    }
    guard out.count > 0 else { throw InputError(path, "holds no head tensor") }
    return out
  }
}

extension HeadFile {
  /// Writes the heads of `model` to `path` (staged in `outputs`) as `head.safetensors`:
  /// every tensor of ``FinetuneModel/headState`` and the BatchNorm batch counters as int64
  /// scalars, as a lightly head's `state_dict()` holds them.
  public static func write(_ model: FinetuneModel, to path: String, in outputs: OutputSet) throws {
    let state = model.headState
    var entries = zip(state.names, state.tensors).map { SafeTensorsWriter.Entry.floats($0, $1) }
    entries += model.headBatchesTracked.map { SafeTensorsWriter.Entry(name: $0.name, shape: [], values: .int64([Int64($0.count)])) }
    try SafeTensorsWriter.write(entries, to: path, in: outputs)
  }
}

extension FinetuneModel {
  /// Replaces the head tensors named in `state` (``headState`` names); the momentum
  /// target, if any, restarts from the new online network.
  public mutating func loadHead(_ state: ParameterSet<Float>) {
    projection.load(state.scoped("projection_head"))
    lastLayer?.load(state.scoped("projection_head.last_layer"))
    prediction?.load(state.scoped("prediction_head"))
    prototypes?.load(state.scoped("prototypes"))
    if targetProjection != nil {
      targetProjection = projection
      targetLastLayer = lastLayer
    }
  }
}
