// ssl-quality · FinetuneCommand.swift — `ssl-quality finetune`: Q-Score-regularised fine-tuning of an adapter.

import ArgumentParser
import Foundation
import SSLQuality
import SSLQualityAnalysis
import SSLQualityFinetune
import SSLQualityIO
import SSLQualityReport

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

  @OptionGroup(title: "Inputs") var inputs: FinetuneInputOptions
  @OptionGroup(title: "Model") var model: FinetuneModelOptions
  @OptionGroup(title: "Regulariser") var regularizer: FinetuneRegularizerOptions
  @OptionGroup(title: "Schedule") var schedule: FinetuneScheduleOptions
  @OptionGroup(title: "Output") var output: FinetuneOutputOptions
  @OptionGroup(title: "Dset (evaluation)") var dset: DiscriminativeOptions
  @OptionGroup var threading: ThreadOptions
  @OptionGroup var jsonOutput: JSONOutputOptions

  func validate() throws {
    guard model.objective.isMultiCrop || inputs.views.count == 2 else {
      throw ValidationError(
        "--objective \(model.objective.rawValue) takes exactly two views, got \(inputs.views.count) (more views are for swav and dino)")
    }
    if try dset.single() != nil, inputs.train == nil, inputs.test == nil {
      throw ValidationError("--discriminative-from sets the evaluation's Dset; give --train or --test")
    }
  }

  func run() throws {
    var analysis = FinetuneAnalysis(views: inputs.views, out: output.out, settings: settings)
    (analysis.train, analysis.trainLabels, analysis.test, analysis.testLabels) = (inputs.train, inputs.trainLabels, inputs.test, inputs.testLabels)
    (analysis.head, analysis.headPrefix) = (model.head, model.headPrefix)
    analysis.discriminativeFrom = try dset.single()
    (analysis.lambdas, analysis.control) = (regularizer.lambdas?.values, regularizer.control)
    (analysis.resume, analysis.logSteps) = (output.resume, output.logEvery == .step)
    let layout = analysis.layout
    let outputs = try OutputSet(
      [("--json-out", jsonOutput.jsonOut), ("--log", output.log)]
        + (layout.stagedFiles(train: inputs.train != nil, test: inputs.test != nil) + layout.checkpoints).map { ("--out", $0) },
      inputs: inputs.files + [("--head", model.head)] + dset.inputs,
      folders: layout.folders.map { ("--out", $0) })
    let outcome: FinetuneOutcome
    do {
      outcome = try analysis.run(context: threading.context("finetune"), notices: NoticeText.sink())
    } catch let error as FinetuneAnalysis.MemoryError {
      throw memoryRefusal(error)
    }
    for run in outcome.result.runs {
      if let epochs = run.resumedAfterEpoch { StandardError.write("ssl-quality: finetune: \(run.label) resumed after epoch \(epochs)\n") }
      if let stop = run.collapse {
        StandardError.write("ssl-quality: finetune: \(run.label) stopped after epoch \(stop.epoch): \(FinetuneText.describe(stop))\n")
      }
    }
    let json = try ResultJSON.text(outcome.result)
    try FinetuneFiles.stage(outcome, json: json, log: output.log, out: output.out, in: outputs)
    try jsonOutput.emit(outputs: outputs, serializedJSON: json, text: FinetuneText.render(outcome.result, out: output.out))
  }

  /// The knobs of the main run for inputs `features` wide.
  private var settings: @Sendable (Int) -> FinetuneSettings {
    let (objective, hidden, headHidden, headOutput) = (model.objective, model.hidden, model.headHidden, model.headOutput)
    let (memoryBankSize, prototypes, headBottleneck) = (model.memoryBankSize, model.prototypes, model.headBottleneck)
    let (teacher, student, centerMomentum) = (model.dino.teacherTemperature, model.dino.studentTemperature, model.dino.centerMomentum)
    let s = schedule, (lambda1, lambda2, reduction) = (regularizer.lambda1, regularizer.lambda2, regularizer.reduction)
    let (epochs, batchSize, lr, optimizer, warmup, decay, momentum, seed) =
      (s.epochs, s.batchSize, s.lr, s.optimizer, s.warmupEpochs, s.weightDecay, s.momentum, s.seed)
    let (epsilon, band, collapse) = (regularizer.analysis.epsilon, regularizer.analysis.band.range, regularizer.collapseThreshold)
    return { features in
      FinetuneSettings(
        objective: objective, features: features, hidden: hidden, headHidden: headHidden, headOutput: headOutput, epochs: epochs,
        batchSize: batchSize, learningRate: lr, optimizer: optimizer, warmupEpochs: warmup, weightDecay: decay, momentum: momentum,
        seed: seed, lambda1: lambda1, lambda2: lambda2, epsilon: epsilon, band: band, reduction: reduction,
        collapseThreshold: collapse, memoryBankSize: memoryBankSize, prototypes: prototypes, headBottleneck: headBottleneck,
        teacherTemperature: teacher, studentTemperature: student, centerMomentum: centerMomentum)
    }
  }

  /// A run too large for this machine's memory, refused naming the largest width flag
  /// given (or the first view, whose width D sets the defaults).
  private func memoryRefusal(_ error: FinetuneAnalysis.MemoryError) -> InputError {
    let largest = model.widths.compactMap { name, value in value.map { (name, $0) } }.max { $0.1 < $1.1 }
    let culprit = largest.map { "\($0.0) \($0.1)" } ?? inputs.views[0]
    let needed = ByteCountText.format(Int(min(error.needed, Double(Int.max / 2))))
    return InputError(
      culprit, "fine-tuning would need about \(needed) of memory; this machine has \(ByteCountText.format(Int(clamping: error.available)))")
  }
}
