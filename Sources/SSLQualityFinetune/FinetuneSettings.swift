// ssl-quality · FinetuneSettings.swift — every knob of a fine-tuning run.

import SSLQualityTraining

/// How the two sums of `R` are normalised.
public enum RegularizerReduction: String, Sendable, Codable, CaseIterable {
  /// The formula as written: sums over the batch's rows and columns.
  case sum
  /// The Q term divided by the batch size `B`, the L1 term by `B · D`.
  case mean
}

/// The optimiser of a run.
public enum OptimizerKind: String, Sendable, Codable, CaseIterable {
  case sgd, adamw, lars
}

/// Every knob of one fine-tuning run (also written to `finetune.json` and checked on
/// `--resume`). `Codable` for the checkpoint's digest, which hashes this JSON text
/// (camelCase keys, sorted); `finetune.json` writes its own keys.
public struct FinetuneSettings: Sendable, Codable, Equatable {
  public var objective: FinetuneObjective
  /// Adapter hidden width (default D), projection-head hidden and output widths.
  public var hidden: Int, headHidden: Int, headOutput: Int
  public var epochs: Int, batchSize: Int
  public var learningRate: Double, optimizer: OptimizerKind, warmupEpochs: Int, weightDecay: Double
  /// SGD/LARS momentum.
  public var momentum: Double
  public var seed: UInt64
  /// `λ1`, `λ2` of `R`; `ε` and percentile band of `L_i` and `Dset`; the reduction.
  public var lambda1: Double, lambda2: Double, epsilon: Double, band: [Double], reduction: RegularizerReduction
  /// The collapse guard stops a run when, over an epoch, the adapted batches keep on
  /// average less than this share of the input batches' active features.
  public var collapseThreshold: Double
  /// MoCo: rows of the queue of negatives (by default ``FinetuneObjective/defaultMemoryBankSize``).
  public var memoryBankSize: Int?
  /// SwAV: number of prototypes (by default ``SwAV/defaultPrototypes``).
  public var prototypes: Int?
  /// DINO: bottleneck width (D/8), teacher and student temperatures and the centre's
  /// momentum (by default ``DINO``'s, lightly's `DINOLoss` defaults).
  public var headBottleneck: Int?, teacherTemperature: Double?, studentTemperature: Double?, centerMomentum: Double?

  public init(
    objective: FinetuneObjective, features: Int, hidden: Int? = nil, headHidden: Int? = nil, headOutput: Int? = nil,
    epochs: Int = 20, batchSize: Int = 256, learningRate: Double = 1e-3, optimizer: OptimizerKind = .adamw,
    warmupEpochs: Int = 0, weightDecay: Double = 1e-4, momentum: Double = 0.9, seed: UInt64 = 0,
    lambda1: Double = QScoreRegularizer.defaultLambda1, lambda2: Double = QScoreRegularizer.defaultLambda2,
    epsilon: Double = QScoreRegularizer.defaultEpsilon, band: ClosedRange<Double> = QScoreRegularizer.defaultBand,
    reduction: RegularizerReduction = .sum, collapseThreshold: Double = 0.1, memoryBankSize: Int? = nil, prototypes: Int? = nil,
    headBottleneck: Int? = nil, teacherTemperature: Double? = nil, studentTemperature: Double? = nil, centerMomentum: Double? = nil
  ) {
    let sizes = objective.defaultHeadSizes(features: features)
    self.objective = objective
    self.hidden = hidden ?? features
    self.headHidden = headHidden ?? sizes.hidden
    self.headOutput = headOutput ?? sizes.output
    self.epochs = epochs
    self.batchSize = batchSize
    self.learningRate = learningRate
    self.optimizer = optimizer
    self.warmupEpochs = warmupEpochs
    self.weightDecay = weightDecay
    self.momentum = momentum
    self.seed = seed
    self.lambda1 = lambda1
    self.lambda2 = lambda2
    self.epsilon = epsilon
    self.band = [band.lowerBound, band.upperBound]
    self.reduction = reduction
    self.collapseThreshold = collapseThreshold
    // Each method's own knobs, set (to the given value or the default) only for it.
    if objective == .moco { self.memoryBankSize = memoryBankSize ?? FinetuneObjective.defaultMemoryBankSize }
    if objective == .swav { self.prototypes = prototypes ?? SwAV.defaultPrototypes }
    if objective == .dino {
      self.headBottleneck = headBottleneck ?? FinetuneObjective.defaultBottleneck(features: features)
      self.teacherTemperature = teacherTemperature ?? DINO.defaultTeacherTemperature
      self.studentTemperature = studentTemperature ?? DINO.defaultStudentTemperature
      self.centerMomentum = centerMomentum ?? DINO.defaultCenterMomentum
    }
  }

  /// DINO's loss with this run's temperatures and centre momentum.
  public var dino: DINO {
    DINO(
      teacherTemperature: teacherTemperature ?? DINO.defaultTeacherTemperature,
      studentTemperature: studentTemperature ?? DINO.defaultStudentTemperature,
      centerMomentum: centerMomentum ?? DINO.defaultCenterMomentum)
  }

  /// The same run with other regulariser weights.
  public func with(lambda1: Double, lambda2: Double) -> FinetuneSettings {
    var copy = self
    copy.lambda1 = lambda1
    copy.lambda2 = lambda2
    return copy
  }

  /// `R` for batches of `batchSize × features`: with the `mean` reduction the weights are
  /// divided by `B` and `B · D`, which is the same as dividing the sums.
  public func regularizer(features: Int) -> QScoreRegularizer {
    let (scale1, scale2) = reduction == .sum ? (1.0, 1.0) : (1 / Double(batchSize), 1 / Double(batchSize * features))
    return QScoreRegularizer(
      epsilon: epsilon, band: band[0]...band[1], lambda1: lambda1 * scale1, lambda2: lambda2 * scale2)
  }

  /// Steps per epoch over `samples` rows (the last incomplete batch is dropped).
  public func stepsPerEpoch(samples: Int) -> Int { samples / batchSize }

  /// The learning rate at global step `step`: linear warm-up over `warmupEpochs`, then a
  /// cosine decay to 0.
  public func learningRate(step: Int, samples: Int) -> Double {
    let perEpoch = stepsPerEpoch(samples: samples)
    return Schedule.warmupCosine(
      step: step, maxSteps: epochs * perEpoch, start: learningRate, end: 0, warmupSteps: min(epochs, warmupEpochs) * perEpoch)
  }
}
