// ssl-quality · FinetuneModel.swift — adapter, head(s) and momentum target trained together.

import SSLQualityTraining

/// Everything fine-tuning trains: the residual adapter, the objective's projection head,
/// a prediction head (BYOL, SimSiam) and, for BYOL, a momentum target (an exponential
/// moving average of adapter and projection, never trained by gradient).
///
/// Tensor names: `adapter.fc1.weight`, …, `projection_head.layers.0.weight`, …,
/// `prediction_head.layers.…`; the target's under `target.`.
public struct FinetuneModel: Sendable {
  public var adapter: ResidualAdapter<Float>
  public var projection: ProjectionHead<Float>
  public var prediction: ProjectionHead<Float>?
  /// The momentum target (BYOL): a copy of adapter and projection.
  public var targetAdapter: ResidualAdapter<Float>?
  public var targetProjection: ProjectionHead<Float>?

  /// A model for `objective` on `features` input features, initialised from `seed`
  /// (adapter first, then projection, then prediction head).
  public init(objective: FinetuneObjective, features: Int, hidden: Int, headHidden: Int, headOutput: Int, seed: UInt64) {
    var random = RandomSource(seed: seed)
    adapter = ResidualAdapter(features: features, hidden: hidden, random: &random)
    (projection, prediction) = objective.heads(features: features, hidden: headHidden, output: headOutput, random: &random)
    if objective.usesMomentumTarget {
      targetAdapter = adapter
      targetProjection = projection
    }
  }

  /// The trainable tensors.
  public var parameters: ParameterSet<Float> {
    get {
      adapter.parameters.prefixed("adapter") + projection.parameters.prefixed("projection_head")
        + (prediction?.parameters.prefixed("prediction_head") ?? ParameterSet())
    }
    set {
      adapter.parameters = newValue.scoped("adapter")
      projection.parameters = newValue.scoped("projection_head")
      prediction?.parameters = newValue.scoped("prediction_head")
    }
  }

  /// The heads' tensors (parameters and running statistics) under lightly's names, as
  /// `head.safetensors` holds them.
  public var headState: ParameterSet<Float> {
    projection.stateDict.prefixed("projection_head") + (prediction?.stateDict.prefixed("prediction_head") ?? ParameterSet())
  }

  /// The heads' BatchNorm batch counters under their state-dict names.
  public var headBatchesTracked: [(name: String, count: Int)] {
    projection.batchesTracked.map { ("projection_head.\($0.name)", $0.count) }
      + (prediction?.batchesTracked.map { ("prediction_head.\($0.name)", $0.count) } ?? [])
  }

  /// Sets the heads' BatchNorm batch counters named in `counts`.
  public mutating func setHeadBatchesTracked(_ counts: [String: Int]) {
    func scoped(_ prefix: String) -> [String: Int] {
      Dictionary(uniqueKeysWithValues: counts.compactMap { key, value in
        key.hasPrefix(prefix + ".") ? (String(key.dropFirst(prefix.count + 1)), value) : nil
      })
    }
    projection.setBatchesTracked(scoped("projection_head"))
    prediction?.setBatchesTracked(scoped("prediction_head"))
  }

  /// Every tensor a checkpoint must hold to continue exactly: parameters, running
  /// statistics, and the momentum target.
  public var state: ParameterSet<Float> {
    get {
      var all = parameters + headBuffers
      if let targetAdapter, let targetProjection {
        all = all + targetAdapter.parameters.prefixed("target.adapter") + targetProjection.stateDict.prefixed("target.projection_head")
      }
      return all
    }
    set {
      parameters = newValue
      projection.buffers = newValue.scoped("projection_head")
      prediction?.buffers = newValue.scoped("prediction_head")
      targetAdapter?.parameters = newValue.scoped("target.adapter")
      targetProjection?.load(newValue.scoped("target.projection_head"))
    }
  }

  private var headBuffers: ParameterSet<Float> {
    projection.buffers.prefixed("projection_head") + (prediction?.buffers.prefixed("prediction_head") ?? ParameterSet())
  }

  /// Moves the momentum target towards the online adapter and projection by `momentum`.
  public mutating func updateTarget(momentum: Double) {
    guard var a = targetAdapter, var p = targetProjection else { return }
    updateMomentum(target: &a, online: adapter, momentum: momentum)
    updateMomentum(target: &p, online: projection, momentum: momentum)
    targetAdapter = a
    targetProjection = p
  }
}
