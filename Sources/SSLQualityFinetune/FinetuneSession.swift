// ssl-quality · FinetuneSession.swift — the `finetune` command's work: runs, checkpoints, outputs, evaluation.

import Foundation
import SSLQuality
import SSLQualityIO
import SSLQualityReport
import SSLQualityTraining

/// The validated inputs of a fine-tuning session.
public struct FinetuneInputs: Sendable {
  /// Two or more aligned `N × D` views of the same images.
  public var views: [Matrix]
  /// Optional un-augmented evaluation splits and their labels.
  public var train: Matrix?, trainLabels: [Int]?, test: Matrix?, testLabels: [Int]?

  public init(views: [Matrix], train: Matrix? = nil, trainLabels: [Int]? = nil, test: Matrix? = nil, testLabels: [Int]? = nil) {
    self.views = views
    self.train = train
    self.trainLabels = trainLabels
    self.test = test
    self.testLabels = testLabels
  }
}

/// What a session runs and where it writes.
public struct FinetuneRequest: Sendable {
  /// The knobs of the main run (its `λ1`, `λ2` are the run with R).
  public var settings: FinetuneSettings
  /// `--lambdas`: one run per value (`λ1 = λ2 = λ`) instead of the main run.
  public var lambdas: [Double]?
  /// `--control`: also the same run with `λ1 = λ2 = 0`.
  public var control: Bool
  /// Output folder; it and every run folder (``FinetuneLayout/folders``) must exist.
  public var out: String
  /// Continue each run from its `checkpoint.safetensors` when there is one.
  public var resume: Bool
  /// Pretrained head tensors (``HeadFile``) and the file they came from.
  public var head: ParameterSet<Float>?, headPath: String?
  /// `--log`: a JSON Lines file, one line per epoch (or per step, ``logSteps``) of every run.
  public var log: String?
  /// `--log-every step`: one log line per training step instead of one per epoch.
  public var logSteps: Bool

  public init(
    settings: FinetuneSettings, lambdas: [Double]? = nil, control: Bool = false, out: String, resume: Bool = false,
    head: ParameterSet<Float>? = nil, headPath: String? = nil, log: String? = nil, logSteps: Bool = false
  ) {
    self.settings = settings
    self.lambdas = lambdas
    self.control = control
    self.out = out
    self.resume = resume
    self.head = head
    self.headPath = headPath
    self.log = log
    self.logSteps = logSteps
  }

  /// Where the session writes (``out``, ``lambdas`` and ``control``).
  public var layout: FinetuneLayout { FinetuneLayout(out: out, lambdas: lambdas, control: control) }

  /// The runs in report order with their settings and folder names (``FinetuneLayout``).
  var plan: [(label: String, settings: FinetuneSettings, directory: String)] {
    layout.runs.map { run in (run.label, run.lambda.map { settings.with(lambda1: $0, lambda2: $0) } ?? settings, run.directory) }
  }
}

/// Runs a fine-tuning session: every run of the request (resumed from its checkpoint when
/// asked), each writing its `checkpoint.safetensors` itself (atomically) after every epoch
/// and, at the end, staging `adapter.safetensors`, `head.safetensors`, `history.csv` and the
/// adapted `train.npy` / `test.npy` of its folder in `outputs`; then `finetune.json` and
/// `loss.svg` of `out`, and the `--log` lines as they come. The caller commits `outputs`.
/// Every training step is reported to `context`
/// (``ProgressEvent/trainingStep(run:epoch:epochs:step:steps:loss:regularizer:)``).
public enum FinetuneSession {
  public static func run(
    _ inputs: FinetuneInputs, _ request: FinetuneRequest, outputs: OutputSet, context: ExecutionContext
  ) throws -> FinetuneReport {
    let samples = inputs.views[0].rows, features = inputs.views[0].columns
    let band = request.settings.band[0]...request.settings.band[1]
    let evaluated = inputs.test ?? inputs.train
    func evaluate(_ matrix: Matrix?, train: Matrix?) -> RepresentationEvaluation? {
      guard let matrix else { return nil }
      return RepresentationEvaluation.measure(
        evaluated: matrix, train: inputs.test == nil ? nil : train, trainLabels: inputs.trainLabels, testLabels: inputs.testLabels,
        epsilon: request.settings.epsilon, band: band, context: context)
    }
    let before = evaluate(evaluated, train: inputs.train)
    let log = try request.log.map { try JSONLinesLog(path: $0, outputs: outputs) }
    let viewsRecord = try CheckpointViews(inputs.views)
    var runs: [FinetuneRunReport] = []
    for (label, settings, directory) in request.plan {
      let folder = request.layout.folder(directory)
      let checkpoint = "\(folder)/checkpoint.safetensors"
      var trainer: FinetuneTrainer
      var resumedAfter: Int?
      if request.resume && FileManager.default.fileExists(atPath: checkpoint) {
        trainer = try FinetuneCheckpoint.read(checkpoint, settings: settings, views: viewsRecord)
        resumedAfter = trainer.epochsDone
        // The log is staged whole: the epochs trained before the resume come from the checkpoint's history.
        if !request.logSteps { for record in trainer.history { try log?.append(label: label, record) } }
      } else {
        trainer = FinetuneTrainer(settings: settings, samples: samples, features: features)
        if let head = request.head { trainer.model.loadHead(head) }
      }
      let started = Date()
      while !trainer.isFinished {
        let steps = trainer.trainEpoch(views: inputs.views, context: context, label: label)
        try FinetuneCheckpoint.write(trainer, views: viewsRecord, to: checkpoint)
        if request.logSteps {
          for (index, record) in steps.enumerated() { try log?.append(label: label, record, step: index + 1) }
        } else if let record = trainer.history.last {
          try log?.append(label: label, record)
        }
      }
      context.report(.finished)
      let trainingSeconds = Date().timeIntervalSince(started)
      try writeOutputs(trainer, folder: folder, in: outputs)
      let adapter = trainer.model.adapter
      let adaptedTrain = context.blas { inputs.train.map { adapter.adapted($0) } }
      let adaptedTest = context.blas { inputs.test.map { adapter.adapted($0) } }
      if let adaptedTrain { try NPYWriter.write(adaptedTrain, to: "\(folder)/train.npy", in: outputs) }
      if let adaptedTest { try NPYWriter.write(adaptedTest, to: "\(folder)/test.npy", in: outputs) }
      runs.append(
        FinetuneRunReport(
          label: label, lambda1: settings.lambda1, lambda2: settings.lambda2, directory: directory, epochsCompleted: trainer.epochsDone,
          resumedAfterEpoch: resumedAfter, collapse: trainer.collapse, history: trainer.history,
          evaluation: evaluate(adaptedTest ?? adaptedTrain, train: adaptedTrain), trainingSeconds: trainingSeconds))
    }
    let report = FinetuneReport(
      samples: samples, features: features, views: inputs.views.count, settings: request.settings, head: request.headPath,
      threads: context.threads, before: before, runs: runs)
    try outputs.write(try report.json() + "\n", to: "\(request.out)/finetune.json")
    let curves = runs.map { run in
      Plots.TrainingCurve(
        label: run.title, epochs: run.history.map { Double($0.epoch) }, objective: run.history.map(\.objective),
        regularizer: run.history.map(\.regularizer), emptyShare: run.history.map(\.emptyShare))
    }
    // A sweep names every λ it ran (the legend tells the runs apart); otherwise the run with R's λ (the control's is 0).
    let lambdas = request.lambdas.map { "λ1 = λ2 ∈ {\($0.map { "\($0)" }.joined(separator: ", "))}" }
      ?? "λ1 \(request.settings.lambda1), λ2 \(request.settings.lambda2)"
    let subtitle = "\(request.settings.objective.rawValue), \(inputs.views.count) views of \(samples) × \(features), "
      + "\(lambdas), reduction \(request.settings.reduction.rawValue)"
    try outputs.write(Plots.finetuneHistory(curves, subtitle: subtitle), to: "\(request.out)/loss.svg")
    return report
  }

  /// `adapter.safetensors`, `head.safetensors` and `history.csv` of a finished run, staged in `outputs`.
  static func writeOutputs(_ trainer: FinetuneTrainer, folder: String, in outputs: OutputSet) throws {
    try AdapterFile.write(trainer.model.adapter, to: "\(folder)/adapter.safetensors", in: outputs)
    let head = trainer.model.headState
    var entries = zip(head.names, head.tensors).map { SafeTensorsWriter.Entry.floats($0, $1) }
    entries += trainer.model.headBatchesTracked.map { SafeTensorsWriter.Entry(name: $0.name, shape: [], values: .int64([Int64($0.count)])) }
    try SafeTensorsWriter.write(entries, to: "\(folder)/head.safetensors", in: outputs)
    let rows = trainer.history.map { record in record.fields.enumerated().map { $0.offset == 0 ? String(Int($0.element)) : "\($0.element)" } }
    try outputs.write(CSVWriter.render(header: EpochRecord.fieldNames, rows: rows), to: "\(folder)/history.csv")
  }
}

/// `--log FILE.jsonl`: one JSON object per line and epoch (or step): `run`, `epoch`,
/// (`step`,) then the ``EpochRecord`` figures under their CSV names. Lines of an epoch are
/// appended after its checkpoint to the file staged for `path` in the run's output set
/// (it replaces `path` when the run succeeds).
struct JSONLinesLog {
  let path: String
  let outputs: OutputSet

  /// Stages the (empty) log, so a run that logs no line still leaves one.
  init(path: String, outputs: OutputSet) throws {
    (self.path, self.outputs) = (path, outputs)
    try outputs.append([], to: path)
  }

  func append(label: String, _ record: EpochRecord, step: Int? = nil) throws {
    struct Line: Encodable {
      var run: String
      var record: EpochRecord
      var step: Int?
      func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(run, forKey: Key("run"))
        try container.encode(record.epoch, forKey: Key("epoch"))
        try container.encodeIfPresent(step, forKey: Key("step"))
        for (name, value) in zip(EpochRecord.fieldNames, record.fields).dropFirst() { try container.encode(value, forKey: Key(name)) }
      }
      struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
      }
    }
    let encoder = JSONEncoder()
    encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    try outputs.append(try encoder.encode(Line(run: label, record: record, step: step)) + Data("\n".utf8), to: path)
  }
}
