// ssl-quality · FinetuneModel.swift — adapter, head(s) and momentum target trained together.

import SSLQuality
import SSLQualityTraining

/// Everything fine-tuning trains and the state its methods carry between steps: the
/// residual adapter, the objective's heads (``FinetuneHeads``), and for MoCo, BYOL and
/// DINO a momentum target (an exponential moving average of adapter and head, never
/// trained by gradient); MoCo's queue of negatives and DINO's centre.
///
/// Tensor names: `adapter.fc1.weight`, …, `projection_head.layers.0.weight`, …,
/// `projection_head.last_layer.weight_v` (DINO), `prediction_head.layers.…`,
/// `prototypes.heads.0.weight` (SwAV); the target's under `target.`; `memory_bank`
/// (`K × out`, rows L2-normalised) and `center` (`1 × out`).
public struct FinetuneModel: Sendable {
  public var adapter: ResidualAdapter<Float>
  public var projection: ProjectionHead<Float>
  public var prediction: ProjectionHead<Float>?
  /// DINO: the weight-normalised layer after the projection's L2 normalisation.
  public var lastLayer: WeightNormLinear<Float>?
  /// SwAV: the prototypes after the projection's L2 normalisation.
  public var prototypes: SwAVPrototypes<Float>?
  /// The momentum target (MoCo, BYOL, DINO): a copy of adapter, projection and last layer.
  public var targetAdapter: ResidualAdapter<Float>?
  public var targetProjection: ProjectionHead<Float>?
  public var targetLastLayer: WeightNormLinear<Float>?
  /// MoCo: the queue of the target's L2-normalised keys and the row the next key goes to.
  public var memoryBank: Tensor<Float>?
  public var memoryBankPointer = 0
  /// DINO: the centre subtracted from the teacher's outputs.
  public var center: Tensor<Float>?

  /// A model for `settings` on `features` input features, initialised from its seed
  /// (adapter first, then the heads, then MoCo's queue: standard normal rows,
  /// L2-normalised, as lightly starts its memory bank).
  public init(settings: FinetuneSettings, features: Int) {
    var random = SeededGenerator(seed: settings.seed)
    let objective = settings.objective
    adapter = ResidualAdapter(features: features, hidden: settings.hidden, random: &random)
    let heads = objective.heads(
      features: features, hidden: settings.headHidden, output: settings.headOutput, bottleneck: settings.headBottleneck ?? 1,
      prototypes: settings.prototypes ?? 1, random: &random)
    projection = heads.projection
    prediction = heads.prediction
    lastLayer = heads.lastLayer
    prototypes = heads.prototypes
    if objective.usesMomentumTarget {
      targetAdapter = adapter
      targetProjection = projection
      targetLastLayer = lastLayer
    }
    if let size = settings.memoryBankSize {
      let bank: Tensor<Float> = random.normalTensor(shape: [size, settings.headOutput])
      memoryBank = L2Normalize<Float>.normalize(bank).0
    }
    if objective == .dino { center = Tensor(shape: [1, settings.headOutput], repeating: 0) }
  }

  /// The trainable tensors.
  public var parameters: ParameterSet<Float> {
    get {
      adapter.parameters.prefixed("adapter") + headParameters
    }
    set {
      adapter.parameters = newValue.scoped("adapter")
      projection.parameters = newValue.scoped("projection_head")
      lastLayer?.parameters = newValue.scoped("projection_head.last_layer")
      prediction?.parameters = newValue.scoped("prediction_head")
      prototypes?.parameters = newValue.scoped("prototypes")
    }
  }

  private var headParameters: ParameterSet<Float> {
    projection.parameters.prefixed("projection_head")
      + (lastLayer?.parameters.prefixed("projection_head.last_layer") ?? ParameterSet())
      + (prediction?.parameters.prefixed("prediction_head") ?? ParameterSet())
      + (prototypes?.parameters.prefixed("prototypes") ?? ParameterSet())
  }

  /// The heads' tensors (parameters and buffers) under lightly's names, as
  /// `head.safetensors` holds them.
  public var headState: ParameterSet<Float> { heads.state }

  /// The heads' BatchNorm batch counters under their state-dict names.
  public var headBatchesTracked: [(name: String, count: Int)] { heads.batchesTracked }

  /// The online heads.
  private var heads: FinetuneHeads {
    FinetuneHeads(projection: projection, prediction: prediction, lastLayer: lastLayer, prototypes: prototypes)
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

  /// The integer state a checkpoint holds: the BatchNorm counters and MoCo's queue pointer
  /// (`memory_bank_pointer`).
  public var counters: [(name: String, count: Int)] {
    headBatchesTracked + (memoryBank == nil ? [] : [("memory_bank_pointer", memoryBankPointer)])
  }

  /// Sets the counters named in `counts` (names as in ``counters``).
  public mutating func setCounters(_ counts: [String: Int]) {
    setHeadBatchesTracked(counts)
    if let pointer = counts["memory_bank_pointer"] { memoryBankPointer = pointer }
  }

  /// Every tensor a checkpoint must hold to continue exactly: parameters, buffers, the
  /// momentum target, MoCo's queue and DINO's centre.
  public var state: ParameterSet<Float> {
    get {
      var all = parameters + headBuffers
      if let targetAdapter, let targetProjection {
        all = all + targetAdapter.parameters.prefixed("target.adapter") + targetProjection.stateDict.prefixed("target.projection_head")
          + (targetLastLayer?.stateDict.prefixed("target.projection_head.last_layer") ?? ParameterSet())
      }
      if let memoryBank { all = all + ParameterSet([("memory_bank", memoryBank)]) }
      if let center { all = all + ParameterSet([("center", center)]) }
      return all
    }
    set {
      parameters = newValue
      projection.buffers = newValue.scoped("projection_head")
      lastLayer?.buffers = newValue.scoped("projection_head.last_layer")
      prediction?.buffers = newValue.scoped("prediction_head")
      targetAdapter?.parameters = newValue.scoped("target.adapter")
      targetProjection?.load(newValue.scoped("target.projection_head"))
      targetLastLayer?.load(newValue.scoped("target.projection_head.last_layer"))
      if memoryBank != nil { memoryBank = newValue["memory_bank"] }
      if center != nil { center = newValue["center"] }
    }
  }

  private var headBuffers: ParameterSet<Float> {
    projection.buffers.prefixed("projection_head") + (lastLayer?.buffers.prefixed("projection_head.last_layer") ?? ParameterSet())
      + (prediction?.buffers.prefixed("prediction_head") ?? ParameterSet())
  }

  /// Moves the momentum target towards the online adapter and head by `momentum`.
  public mutating func updateTarget(momentum: Double) {
    guard var a = targetAdapter, var p = targetProjection else { return }
    updateMomentum(target: &a, online: adapter, momentum: momentum)
    updateMomentum(target: &p, online: projection, momentum: momentum)
    targetAdapter = a
    targetProjection = p
    if var l = targetLastLayer, let lastLayer {
      updateMomentum(target: &l, online: lastLayer, momentum: momentum)
      targetLastLayer = l
    }
  }
}
