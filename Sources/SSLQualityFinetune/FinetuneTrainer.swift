// ssl-quality · FinetuneTrainer.swift — epochs of shuffled batches, schedule, history, collapse guard.

import SSLQuality
import SSLQualityTraining

/// What one epoch measured (means over its steps).
public struct EpochRecord: Sendable, Equatable {
  /// 1-based epoch number.
  public var epoch: Int
  /// Mean objective and mean `R` (summed over views) per step.
  public var objective: Double, regularizer: Double
  /// Mean batch Q, share of batch rows with empty `L_i ∩ Dset`, and active-feature share
  /// of the adapted batches (see ``StepOutcome``).
  public var qMean: Double, emptyShare: Double, activeShare: Double
  /// Learning rate of the epoch's last step.
  public var learningRate: Double

  /// The fields as numbers, in the order of ``fieldNames`` (for checkpoints and CSV).
  public var fields: [Double] { [Double(epoch), objective, regularizer, qMean, emptyShare, activeShare, learningRate] }
  public static let fieldNames = ["epoch", "objective", "r", "q_mean", "empty_share", "active_share", "lr"]

  public init(
    epoch: Int, objective: Double, regularizer: Double, qMean: Double, emptyShare: Double, activeShare: Double, learningRate: Double
  ) {
    self.epoch = epoch
    self.objective = objective
    self.regularizer = regularizer
    self.qMean = qMean
    self.emptyShare = emptyShare
    self.activeShare = activeShare
    self.learningRate = learningRate
  }

  init?(fields f: [Double]) {
    guard f.count == Self.fieldNames.count, let epoch = Int(exactly: f[0]) else { return nil }
    self.init(epoch: epoch, objective: f[1], regularizer: f[2], qMean: f[3], emptyShare: f[4], activeShare: f[5], learningRate: f[6])
  }
}

/// Why a run stopped before its last epoch.
public struct CollapseStop: Sendable, Equatable {
  public enum Reason: String, Sendable {
    /// The adapted batches kept fewer active features than the guard's threshold.
    case inactive
    /// The loss stopped being finite.
    case nonFinite = "non_finite"
  }
  /// The epoch after which the run stopped.
  public var epoch: Int
  public var reason: Reason
  /// The epoch's active-feature share and the guard's threshold.
  public var activeShare: Double, threshold: Double

  public init(epoch: Int, reason: Reason, activeShare: Double, threshold: Double) {
    (self.epoch, self.reason, self.activeShare, self.threshold) = (epoch, reason, activeShare, threshold)
  }
}

/// A fine-tuning run: the model, the optimiser, the epochs done and their history.
///
/// Epoch `e` visits the rows in a permutation drawn from a generator seeded with
/// `(seed, e)` (Fisher–Yates), in batches of `batchSize` rows, the last incomplete batch
/// dropped; so the generator's state at an epoch boundary is the epoch number, and a run
/// continued from a checkpoint sees exactly the batches an uninterrupted run sees.
public struct FinetuneTrainer: Sendable {
  public let settings: FinetuneSettings
  public let samples: Int, features: Int
  public internal(set) var model: FinetuneModel
  var optimizer: FinetuneOptimizer
  public internal(set) var history: [EpochRecord] = []
  public internal(set) var collapse: CollapseStop?

  /// A fresh run over `samples × features` views.
  public init(settings: FinetuneSettings, samples: Int, features: Int) {
    self.settings = settings
    self.samples = samples
    self.features = features
    model = FinetuneModel(settings: settings, features: features)
    optimizer = FinetuneOptimizer(settings)
  }

  /// Epochs completed.
  public var epochsDone: Int { history.count }
  /// Whether the run has nothing left to do.
  public var isFinished: Bool { epochsDone >= settings.epochs || collapse != nil }

  /// The permutation of rows epoch `epoch` (0-based) visits.
  public func order(epoch: Int) -> [Int] {
    var random = SeededGenerator(seed: settings.seed &+ 0x9E37_79B9_7F4A_7C15 &* UInt64(epoch + 1))
    var rows = Array(0..<samples)
    random.shuffle(&rows)
    return rows
  }

  /// Trains one epoch on `views` (aligned `samples × features` matrices) and appends its
  /// record; stops the run (``collapse``) when the collapse guard fires or the loss is not
  /// finite. Products spread their blocks over the context's threads; each step is reported to it as
  /// run `label`. Returns every step's figures (an ``EpochRecord`` of that step alone, its
  /// learning rate, in step order) for `--log-every step`.
  @discardableResult
  public mutating func trainEpoch(views: [Matrix], context: ExecutionContext, label: String = "") -> [EpochRecord] {
    context.blas { trainEpochBody(views: views, context: context, label: label) }
  }

  private mutating func trainEpochBody(views: [Matrix], context: ExecutionContext, label: String) -> [EpochRecord] {
    precondition(!isFinished, "the run is finished")
    let epoch = epochsDone
    let rows = order(epoch: epoch)
    let perEpoch = settings.stepsPerEpoch(samples: samples)
    let regularizer = settings.regularizer(features: features)
    var sums = [Double](repeating: 0, count: 5)
    var rate = 0.0
    var steps: [EpochRecord] = []
    for step in 0..<perEpoch {
      let batchRows = rows[(step * settings.batchSize)..<((step + 1) * settings.batchSize)]
      let batches = views.map { Tensor(gathering: batchRows, of: $0) }
      rate = settings.learningRate(step: epoch * perEpoch + step, samples: samples)
      let outcome = trainStep(batches, step: epoch * perEpoch + step, regularizer: regularizer, context: context)
      let figures = [outcome.objective, outcome.regularizer, outcome.qMean, outcome.emptyShare, outcome.activeShare]
      for (k, v) in figures.enumerated() { sums[k] += v }
      steps.append(
        EpochRecord(
          epoch: epoch + 1, objective: figures[0], regularizer: figures[1], qMean: figures[2], emptyShare: figures[3],
          activeShare: figures[4], learningRate: rate))
      context.report(
        .trainingStep(
          run: label, epoch: epoch + 1, epochs: settings.epochs, step: step + 1, steps: perEpoch,
          loss: outcome.objective + outcome.regularizer, regularizer: outcome.regularizer))
    }
    let mean = sums.map { $0 / Double(max(1, perEpoch)) }
    let record = EpochRecord(
      epoch: epoch + 1, objective: mean[0], regularizer: mean[1], qMean: mean[2], emptyShare: mean[3], activeShare: mean[4],
      learningRate: rate)
    history.append(record)
    if !(record.objective + record.regularizer).isFinite {
      collapse = CollapseStop(epoch: epoch + 1, reason: .nonFinite, activeShare: record.activeShare, threshold: settings.collapseThreshold)
    } else if record.activeShare < settings.collapseThreshold {
      collapse = CollapseStop(epoch: epoch + 1, reason: .inactive, activeShare: record.activeShare, threshold: settings.collapseThreshold)
    }
    return steps
  }

  /// One optimisation step on `batches` (one `B × D` batch per view) as global step
  /// `step`: forward and backward (``FinetuneModel/step(views:settings:regularizer:context:)``),
  /// the optimiser's update at the step's learning rate, then the momentum target moved
  /// towards the online network with the step's momentum (cosine from 0.996 to 1 over the
  /// run).
  public mutating func trainStep(_ batches: [Tensor<Float>], step: Int, regularizer: QScoreRegularizer, context: ExecutionContext)
    -> StepOutcome
  {
    let outcome = model.step(views: batches, settings: settings, regularizer: regularizer, context: context)
    var parameters = model.parameters
    optimizer.step(&parameters, gradients: outcome.gradients, learningRate: settings.learningRate(step: step, samples: samples))
    model.parameters = parameters
    if settings.objective.usesMomentumTarget {
      let total = settings.stepsPerEpoch(samples: samples) * settings.epochs
      model.updateTarget(momentum: Schedule.emaMomentum(step: step, maxSteps: total))
    }
    return outcome
  }
}
