// ssl-quality · FinetuneOptions.swift — finetune's flags, one group per concern.

import ArgumentParser
import SSLQualityFinetune
import SSLQualityTraining

/// The views and the evaluation splits.
struct FinetuneInputOptions: ParsableArguments {
  @Option(
    parsing: .upToNextOption,
    help: "Features of augmented views (N × D each, row i = image i): two, or more for swav and dino (the first two are the global crops).")
  var views: [String]
  @Option(help: "Un-augmented train features for evaluation.") var train: String?
  @Option(help: "Train labels (1-D integers).") var trainLabels: String?
  @Option(help: "Un-augmented test features for evaluation.") var test: String?
  @Option(help: "Test labels (1-D integers).") var testLabels: String?

  func validate() throws {
    guard views.count >= 2 else { throw ValidationError("--views needs at least two files, got \(views.count)") }
    if (trainLabels != nil) != (testLabels != nil) || (trainLabels != nil && (train == nil || test == nil)) {
      throw ValidationError("labels need both splits: --train, --train-labels, --test, --test-labels")
    }
  }

  /// Every input file with its flag, for the output set's checks.
  var files: [(String, String?)] {
    views.map { ("--views", $0) } + [("--train", train), ("--train-labels", trainLabels), ("--test", test), ("--test-labels", testLabels)]
  }
}

/// The objective, the adapter's and heads' widths, a pretrained head and each method's own knobs.
struct FinetuneModelOptions: ParsableArguments {
  @Option(help: "SSL objective: \(FinetuneObjective.allCases.map(\.rawValue).joined(separator: ", ")).")
  var objective: FinetuneObjective = .simclr
  @Option(help: "Adapter hidden width (default: D).") var hidden: Int?
  @Option(help: "Projection head hidden width (default: lightly's, scaled to D).") var headHidden: Int?
  @Option(help: "Projection head output width (default: lightly's).") var headOutput: Int?
  @Option(help: "Pretrained head (.safetensors, lightly state-dict names).") var head: String?
  @Option(help: "Prefix removed from every tensor name of --head.") var headPrefix: String = ""
  @Option(help: "moco: rows of the queue of negatives (default \(FinetuneObjective.defaultMemoryBankSize)).") var memoryBankSize: Int?
  @Option(help: "swav: number of prototypes (default \(SwAV.defaultPrototypes)).") var prototypes: Int?
  @Option(help: "dino: bottleneck width of the head (default D/8).") var headBottleneck: Int?
  @OptionGroup var dino: DINOOptions

  /// The width flags given, by name (for naming the largest when a run would not fit in memory).
  var widths: [(String, Int?)] {
    [
      ("--hidden", hidden), ("--head-hidden", headHidden), ("--head-output", headOutput), ("--memory-bank-size", memoryBankSize),
      ("--prototypes", prototypes), ("--head-bottleneck", headBottleneck),
    ]
  }

  func validate() throws {
    let owned: [(String, Bool, FinetuneObjective)] = [
      ("--memory-bank-size", memoryBankSize != nil, .moco), ("--prototypes", prototypes != nil, .swav),
      ("--head-bottleneck", headBottleneck != nil, .dino), ("--teacher-temperature", dino.teacherTemperature != nil, .dino),
      ("--student-temperature", dino.studentTemperature != nil, .dino), ("--center-momentum", dino.centerMomentum != nil, .dino),
    ]
    for (name, given, owner) in owned where given && objective != owner {
      throw ValidationError("\(name) applies to --objective \(owner.rawValue) only, not \(objective.rawValue)")
    }
    for (name, value) in widths {
      if let value, value < 1 { throw ValidationError("\(name) must be at least 1, got \(value)") }
    }
    for (name, value) in [("--teacher-temperature", dino.teacherTemperature), ("--student-temperature", dino.studentTemperature)] {
      if let value, !(value.isFinite && value > 0) { throw ValidationError("\(name) must be a finite number > 0, got \(value)") }
    }
    if let centerMomentum = dino.centerMomentum, !(0...1).contains(centerMomentum) {
      throw ValidationError("--center-momentum must be in [0, 1], got \(centerMomentum)")
    }
  }
}

/// The optimisation: epochs, batches, learning rate and its schedule, optimiser, seed.
struct FinetuneScheduleOptions: ParsableArguments {
  @Option(help: "Epochs.") var epochs: Int = 20
  @Option(help: "Batch size.") var batchSize: Int = 256
  @Option(help: "Peak learning rate.") var lr: Double = 1e-3
  @Option(help: "Optimiser: sgd, adamw, lars.") var optimizer: OptimizerKind = .adamw
  @Option(help: "SGD/LARS momentum.") var momentum: Double = 0.9
  @Option(help: "Linear warm-up epochs before the cosine decay.") var warmupEpochs: Int = 0
  @Option(help: "Weight decay.") var weightDecay: Double = 1e-4
  @Option(help: "Seed of initialisation and shuffling.") var seed: UInt64 = 0

  func validate() throws {
    for (name, value) in [("--epochs", epochs), ("--batch-size", batchSize)] where value < 1 {
      throw ValidationError("\(name) must be at least 1, got \(value)")
    }
    if batchSize < 2 { throw ValidationError("--batch-size must be at least 2 (BatchNorm and R need a batch), got \(batchSize)") }
    guard lr.isFinite, lr >= 0 else { throw ValidationError("--lr must be a finite number ≥ 0, got \(lr)") }
    guard weightDecay.isFinite, weightDecay >= 0 else { throw ValidationError("--weight-decay must be ≥ 0, got \(weightDecay)") }
    guard momentum.isFinite, (0..<1).contains(momentum) else { throw ValidationError("--momentum must be in [0, 1), got \(momentum)") }
    guard warmupEpochs >= 0, warmupEpochs <= epochs else { throw ValidationError("--warmup-epochs must be in 0...--epochs") }
  }
}

/// The Q-Score regulariser R, its control run and sweep, and the collapse guard.
struct FinetuneRegularizerOptions: ParsableArguments {
  @Option(help: "λ1 of R (the low-Q lift).") var lambda1: Double = QScoreRegularizer.defaultLambda1
  @Option(help: "λ2 of R (the heavy-column L1 shrink).") var lambda2: Double = QScoreRegularizer.defaultLambda2
  @Option(help: "Sweep: one run per λ (λ1 = λ2 = λ), e.g. 0,1e-5,1e-4.", transform: CommaList.parse)
  var lambdas: CommaList<Double>?
  @Option(help: "R's sums: sum (as written) or mean (Q term ÷ B, L1 term ÷ B·D).") var reduction: RegularizerReduction = .sum
  @OptionGroup var analysis: AnalysisOptions
  @Flag(help: "Also train the same run without R (λ1 = λ2 = 0) from the same seed.") var control = false
  @Option(help: "Stop a run whose adapted batches keep less than this share of the input's active features.")
  var collapseThreshold: Double = 0.1

  func validate() throws {
    for (name, value) in [("--lambda1", lambda1), ("--lambda2", lambda2)] where !(value.isFinite && value >= 0) {
      throw ValidationError("\(name) must be a finite number ≥ 0, got \(value)")
    }
    if let lambdas, let bad = lambdas.values.first(where: { !($0.isFinite && $0 >= 0) }) {
      throw ValidationError("--lambdas must hold finite numbers ≥ 0, got \(bad)")
    }
    guard (0...1).contains(collapseThreshold) else { throw ValidationError("--collapse-threshold must be in [0, 1]") }
  }
}

/// The output folder, resuming from it, and the JSON Lines log.
struct FinetuneOutputOptions: ParsableArguments {
  @Option(help: "Output folder.") var out: String
  @Flag(help: "Continue from the checkpoints in --out.") var resume = false
  @Option(help: "Append one JSON line per epoch (or step, --log-every) to this file.") var log: String?
  @Option(help: "Log granularity: epoch or step.") var logEvery: LogGranularity = .epoch

  func validate() throws {
    if logEvery == .step && log == nil { throw ValidationError("--log-every step needs --log FILE.jsonl") }
  }
}

/// `--log-every epoch|step`.
enum LogGranularity: String, ExpressibleByArgument, CaseIterable {
  case epoch, step
}

extension FinetuneObjective: ExpressibleByArgument {}
extension OptimizerKind: ExpressibleByArgument {}
extension RegularizerReduction: ExpressibleByArgument {}
