// ssl-quality · FinetuneCommand.swift — `ssl-quality finetune`: Q-Score-regularised fine-tuning of an adapter.

import ArgumentParser
import Foundation
import SSLQuality
import SSLQualityAnalysis
import SSLQualityFinetune
import SSLQualityIO
import SSLQualityTraining

/// Fine-tunes a residual adapter on a frozen encoder's features of augmented views with an
/// SSL objective plus the Q-Score regulariser R, and measures the effect.
struct FinetuneCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "finetune",
    abstract: "Q-Score-regularised fine-tuning of a residual adapter over dumped view features.",
    discussion: """
      Trains h' = relu(h + fc2(relu(fc1(h)))) (fc2 starts at zero) and the objective's head on \
      aligned features of two augmented views, minimising objective + R(h'_1) + R(h'_2). With \
      --control the same run without R is trained from the same seed; with evaluation splits \
      the report compares before / after without R / after with R.
      """)

  @Option(
    parsing: .upToNextOption,
    help: "Features of augmented views (N × D each, row i = image i): two, or more for swav and dino (the first two are the global crops).")
  var views: [String]
  @Option(help: "Un-augmented train features for evaluation.") var train: String?
  @Option(help: "Train labels (1-D integers).") var trainLabels: String?
  @Option(help: "Un-augmented test features for evaluation.") var test: String?
  @Option(help: "Test labels (1-D integers).") var testLabels: String?

  @Option(help: "SSL objective: \(FinetuneObjective.allCases.map(\.rawValue).joined(separator: ", ")).")
  var objective: FinetuneObjective = .simclr
  @Option(help: "Adapter hidden width (default: D).") var hidden: Int?
  @Option(help: "Projection head hidden width (default: lightly's, scaled to D).") var headHidden: Int?
  @Option(help: "Projection head output width (default: lightly's).") var headOutput: Int?
  @Option(help: "Pretrained head (.safetensors, lightly state-dict names).") var head: String?
  @Option(help: "Prefix removed from every tensor name of --head.") var headPrefix: String = ""
  @Option(help: "moco: rows of the queue of negatives (default 4096).") var memoryBankSize: Int?
  @Option(help: "swav: number of prototypes (default 3000).") var prototypes: Int?
  @Option(help: "dino: bottleneck width of the head (default D/8).") var headBottleneck: Int?
  @OptionGroup var dino: DINOOptions

  @Option(help: "λ1 of R (the low-Q lift).") var lambda1: Double = 1e-4
  @Option(help: "λ2 of R (the heavy-column L1 shrink).") var lambda2: Double = 1e-4
  @Option(help: "Sweep: one run per λ (λ1 = λ2 = λ), e.g. 0,1e-5,1e-4.") var lambdas: LambdaList?
  @Option(help: "R's sums: sum (as written) or mean (Q term ÷ B, L1 term ÷ B·D).") var reduction: RegularizerReduction = .sum
  @OptionGroup var analysis: AnalysisOptions
  @Flag(help: "Also train the same run without R (λ1 = λ2 = 0) from the same seed.") var control = false
  @Option(help: "Stop a run whose adapted batches keep less than this share of the input's active features.")
  var collapseThreshold: Double = 0.1

  @Option(help: "Epochs.") var epochs: Int = 20
  @Option(help: "Batch size.") var batchSize: Int = 256
  @Option(help: "Peak learning rate.") var lr: Double = 1e-3
  @Option(help: "Optimiser: sgd, adamw, lars.") var optimizer: OptimizerKind = .adamw
  @Option(help: "SGD/LARS momentum.") var momentum: Double = 0.9
  @Option(help: "Linear warm-up epochs before the cosine decay.") var warmupEpochs: Int = 0
  @Option(help: "Weight decay.") var weightDecay: Double = 1e-4
  @Option(help: "Seed of initialisation and shuffling.") var seed: UInt64 = 0

  @Option(help: "Output folder.") var out: String
  @Flag(help: "Continue from the checkpoints in --out.") var resume = false
  @Option(help: "Append one JSON line per epoch (or step, --log-every) to this file.") var log: String?
  @Option(help: "Log granularity: epoch or step.") var logEvery: LogGranularity = .epoch
  @OptionGroup var common: CommonOptions

  mutating func validate() throws {
    guard views.count >= 2 else { throw ValidationError("--views needs at least two files, got \(views.count)") }
    guard objective.isMultiCrop || views.count == 2 else {
      throw ValidationError("--objective \(objective.rawValue) takes exactly two views, got \(views.count) (more views are for swav and dino)")
    }
    try validateMethodOptions()
    for (name, value) in [("--lambda1", lambda1), ("--lambda2", lambda2)] where !(value.isFinite && value >= 0) {
      throw ValidationError("\(name) must be a finite number ≥ 0, got \(value)")
    }
    if let lambdas, let bad = lambdas.values.first(where: { !($0.isFinite && $0 >= 0) }) {
      throw ValidationError("--lambdas must hold finite numbers ≥ 0, got \(bad)")
    }
    for (name, value) in [("--epochs", epochs), ("--batch-size", batchSize)] where value < 1 {
      throw ValidationError("\(name) must be at least 1, got \(value)")
    }
    if batchSize < 2 { throw ValidationError("--batch-size must be at least 2 (BatchNorm and R need a batch), got \(batchSize)") }
    for (name, value) in [("--hidden", hidden), ("--head-hidden", headHidden), ("--head-output", headOutput)] {
      if let value, value < 1 { throw ValidationError("\(name) must be at least 1, got \(value)") }
    }
    guard lr.isFinite, lr >= 0 else { throw ValidationError("--lr must be a finite number ≥ 0, got \(lr)") }
    guard weightDecay.isFinite, weightDecay >= 0 else { throw ValidationError("--weight-decay must be ≥ 0, got \(weightDecay)") }
    guard momentum.isFinite, (0..<1).contains(momentum) else { throw ValidationError("--momentum must be in [0, 1), got \(momentum)") }
    guard warmupEpochs >= 0, warmupEpochs <= epochs else { throw ValidationError("--warmup-epochs must be in 0...--epochs") }
    guard (0...1).contains(collapseThreshold) else { throw ValidationError("--collapse-threshold must be in [0, 1]") }
    if logEvery == .step && log == nil { throw ValidationError("--log-every step needs --log FILE.jsonl") }
    if (trainLabels != nil) != (testLabels != nil) || (trainLabels != nil && (train == nil || test == nil)) {
      throw ValidationError("labels need both splits: --train, --train-labels, --test, --test-labels")
    }
  }

  func run() throws {
    let layout = FinetuneLayout(out: out, lambdas: lambdas?.values, control: control)
    let outputs = try OutputSet(
      [("--json-out", common.jsonOut), ("--log", log)] + (layout.stagedFiles(train: train != nil, test: test != nil) + layout.checkpoints).map { ("--out", $0) },
      inputs: views.map { ("--views", $0) } + [("--train", train), ("--train-labels", trainLabels), ("--test", test), ("--test-labels", testLabels), ("--head", head)],
      folders: layout.folders.map { ("--out", $0) })
    let context = common.context("finetune")
    let inputs = try loadInputs(context: context)
    let n = inputs.views[0].rows, d = inputs.views[0].columns
    guard n >= batchSize else { throw InputError(views[0], "has \(n) rows, fewer than one batch (--batch-size \(batchSize))") }
    let settings = FinetuneSettings(
      objective: objective, features: d, hidden: hidden, headHidden: headHidden, headOutput: headOutput, epochs: epochs,
      batchSize: batchSize, learningRate: lr, optimizer: optimizer, warmupEpochs: warmupEpochs, weightDecay: weightDecay,
      momentum: momentum, seed: seed, lambda1: lambda1, lambda2: lambda2, epsilon: analysis.epsilon, band: analysis.band.range,
      reduction: reduction, collapseThreshold: collapseThreshold, memoryBankSize: memoryBankSize, prototypes: prototypes,
      headBottleneck: headBottleneck, teacherTemperature: dino.teacherTemperature,
      studentTemperature: dino.studentTemperature, centerMomentum: dino.centerMomentum)
    try checkMemory(settings, features: d, views: inputs.views.count)
    let headState = try head.map { path in try HeadFile.read(path, prefix: headPrefix, for: FinetuneModel(settings: settings, features: d)) }
    let request = FinetuneRequest(
      settings: settings, lambdas: lambdas?.values, control: control, out: out, resume: resume, head: headState, headPath: head,
      log: log, logSteps: logEvery == .step)
    let report = try FinetuneSession.run(inputs, request, outputs: outputs, context: context)
    for run in report.runs {
      if let epochs = run.resumedAfterEpoch { StandardError.write("ssl-quality: finetune: \(run.label) resumed after epoch \(epochs)\n") }
      if let stop = run.collapse {
        StandardError.write("ssl-quality: finetune: \(run.label) stopped after epoch \(stop.epoch): \(FinetuneText.describe(stop))\n")
      }
    }
    try common.emit(outputs: outputs, serializedJSON: try report.json(), text: FinetuneText.render(report, out: out))
  }

  /// The options of one method: each only with its method, each in range.
  private func validateMethodOptions() throws {
    let owned: [(String, Bool, FinetuneObjective)] = [
      ("--memory-bank-size", memoryBankSize != nil, .moco), ("--prototypes", prototypes != nil, .swav),
      ("--head-bottleneck", headBottleneck != nil, .dino), ("--teacher-temperature", dino.teacherTemperature != nil, .dino),
      ("--student-temperature", dino.studentTemperature != nil, .dino), ("--center-momentum", dino.centerMomentum != nil, .dino),
    ]
    for (name, given, owner) in owned where given && objective != owner {
      throw ValidationError("\(name) applies to --objective \(owner.rawValue) only, not \(objective.rawValue)")
    }
    for (name, value) in [("--memory-bank-size", memoryBankSize), ("--prototypes", prototypes), ("--head-bottleneck", headBottleneck)] {
      if let value, value < 1 { throw ValidationError("\(name) must be at least 1, got \(value)") }
    }
    for (name, value) in [("--teacher-temperature", dino.teacherTemperature), ("--student-temperature", dino.studentTemperature)] {
      if let value, !(value.isFinite && value > 0) { throw ValidationError("\(name) must be a finite number > 0, got \(value)") }
    }
    if let centerMomentum = dino.centerMomentum, !(0...1).contains(centerMomentum) {
      throw ValidationError("--center-momentum must be in [0, 1], got \(centerMomentum)")
    }
  }

  /// Refuses widths whose run would not fit in this machine's memory
  /// (``FinetuneSettings/memoryEstimate(features:views:)``), before anything is allocated for
  /// it, naming the largest width flag given (or the first view, whose width D sets the defaults).
  private func checkMemory(_ settings: FinetuneSettings, features: Int, views count: Int) throws {
    let need = settings.memoryEstimate(features: features, views: count)
    let have = ProcessInfo.processInfo.physicalMemory
    guard need > Double(have) else { return }
    let widths = [
      ("--hidden", hidden), ("--head-hidden", headHidden), ("--head-output", headOutput), ("--memory-bank-size", memoryBankSize),
      ("--prototypes", prototypes), ("--head-bottleneck", headBottleneck),
    ]
    let largest = widths.compactMap { name, value in value.map { (name, $0) } }.max { $0.1 < $1.1 }
    let culprit = largest.map { "\($0.0) \($0.1)" } ?? views[0]
    let needed = ByteCountText.format(Int(min(need, Double(Int.max / 2))))
    throw InputError(culprit, "fine-tuning would need about \(needed) of memory; this machine has \(ByteCountText.format(Int(clamping: have)))")
  }

  /// Opens and checks every input before anything is written.
  private func loadInputs(context: ExecutionContext) throws -> FinetuneInputs {
    var matrices: [Matrix] = []
    var first: (name: String, rows: Int, columns: Int)?
    for path in views {
      let stored = try ArrayFile.matrix(path)
      if let first, stored.rows != first.rows || stored.columns != first.columns {
        throw InputError(path, "has \(stored.rows) × \(stored.columns) features but \(first.name) has \(first.rows) × \(first.columns); views must be aligned")
      }
      if first == nil { first = (path, stored.rows, stored.columns) }
      matrices.append(try finite(stored.load(context: context), path))
    }
    let d = matrices[0].columns
    func split(_ path: String?) throws -> Matrix? {
      guard let path else { return nil }
      let stored = try ArrayFile.matrix(path)
      guard stored.columns == d else { throw InputError(path, "has \(stored.columns) features but the views have \(d)") }
      return try finite(stored.load(context: context), path)
    }
    let trainMatrix = try split(train), testMatrix = try split(test)
    let trainTruth = try trainLabels.map { try ArrayFile.labels($0, matchingRows: trainMatrix!.rows, of: train!) }
    let testTruth = try testLabels.map { try ArrayFile.labels($0, matchingRows: testMatrix!.rows, of: test!) }
    return FinetuneInputs(views: matrices, train: trainMatrix, trainLabels: trainTruth, test: testMatrix, testLabels: testTruth)
  }

  /// `matrix` when every row is finite. Fine-tuning refuses rows holding NaN or ±∞ (as
  /// `--strict` does elsewhere): its outputs are row for row its inputs, and a row left out
  /// would shift them.
  private func finite(_ matrix: Matrix, _ path: String) throws -> Matrix {
    let rows = NonFiniteRows(matrix)
    guard rows.count == 0 else { throw InputError(path, NonFiniteRowCount(count: rows.count, first: rows.first).description) }
    return matrix
  }
}

/// `--log-every epoch|step`.
enum LogGranularity: String, ExpressibleByArgument, CaseIterable {
  case epoch, step
}

/// `--lambdas 0,1e-5,1e-4`.
struct LambdaList: ExpressibleByArgument {
  var values: [Double]
  init?(argument: String) {
    let parsed = argument.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
    guard !parsed.isEmpty, parsed.allSatisfy({ $0 != nil }) else { return nil }
    values = parsed.map { $0! }
  }
}

extension FinetuneObjective: ExpressibleByArgument {}
extension OptimizerKind: ExpressibleByArgument {}
extension RegularizerReduction: ExpressibleByArgument {}
