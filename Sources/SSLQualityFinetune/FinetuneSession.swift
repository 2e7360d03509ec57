// ssl-quality · FinetuneSession.swift — the runs of a fine-tuning session and their checkpoints.

import Foundation
import SSLQuality
import SSLQualityTraining

/// What a session runs and where its checkpoints go.
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
  /// Pretrained head tensors (``HeadFile``) loaded into every fresh run.
  public var head: ParameterSet<Float>?
  /// Keep one log record per training step instead of one per epoch.
  public var logSteps: Bool

  public init(
    settings: FinetuneSettings, lambdas: [Double]? = nil, control: Bool = false, out: String, resume: Bool = false,
    head: ParameterSet<Float>? = nil, logSteps: Bool = false
  ) {
    self.settings = settings
    self.lambdas = lambdas
    self.control = control
    self.out = out
    self.resume = resume
    self.head = head
    self.logSteps = logSteps
  }

  /// Where the session writes (``out``, ``lambdas`` and ``control``).
  public var layout: FinetuneLayout { FinetuneLayout(out: out, lambdas: lambdas, control: control) }

  /// The runs in report order with their settings and folder names (``FinetuneLayout``).
  var plan: [(label: String, settings: FinetuneSettings, directory: String)] {
    layout.runs.map { run in (run.label, run.lambda.map { settings.with(lambda1: $0, lambda2: $0) } ?? settings, run.directory) }
  }
}

/// One finished run of a session: how it went and the trained model.
public struct FinetuneRun: Sendable {
  /// `with_r`, `without_r` (the control) or `lambda=<λ>` for a sweep.
  public var label: String
  /// The run's knobs (its own `λ1`, `λ2`).
  public var settings: FinetuneSettings
  /// Folder name under `--out` (`.` for the main run) and its path.
  public var directory: String, folder: String
  /// The trained adapter and heads.
  public var model: FinetuneModel
  /// One record per epoch completed (before a resume included).
  public var history: [EpochRecord]
  /// Set when the collapse guard (or a non-finite loss) stopped the run early.
  public var collapse: CollapseStop?
  /// The epoch after which this invocation continued the run from its checkpoint, if it did.
  public var resumedAfterEpoch: Int?
  /// Wall-clock seconds spent training in this invocation (checkpoints included).
  public var trainingSeconds: Double
  /// The log's records in order: one per epoch (those before a resume from the
  /// checkpoint's history), or with ``FinetuneRequest/logSteps`` one per step of the
  /// epochs this invocation trained, with its 1-based step number.
  public var log: [(record: EpochRecord, step: Int?)]
}

/// Runs a fine-tuning session: every run of the request in order (resumed from its
/// checkpoint when asked), each writing its `checkpoint.safetensors` itself (atomically)
/// after every epoch — the only files a session writes; everything else is in the returned
/// runs. Every training step is reported to `context`
/// (``ProgressEvent/trainingStep(run:epoch:epochs:step:steps:loss:regularizer:)``).
public enum FinetuneSession {
  /// - Parameter views: two or more aligned `N × D` matrices of finite numbers.
  /// - Throws: ``InputError`` for a checkpoint that cannot continue the run; write errors.
  public static func run(views: [Matrix], _ request: FinetuneRequest, context: ExecutionContext) throws -> [FinetuneRun] {
    let samples = views[0].rows, features = views[0].columns
    let viewsRecord = try CheckpointViews(views)
    var runs: [FinetuneRun] = []
    for (label, settings, directory) in request.plan {
      let folder = request.layout.folder(directory)
      let checkpoint = "\(folder)/checkpoint.safetensors"
      var trainer: FinetuneTrainer
      var resumedAfter: Int?
      var log: [(record: EpochRecord, step: Int?)] = []
      if request.resume && FileManager.default.fileExists(atPath: checkpoint) {
        trainer = try FinetuneCheckpoint.read(checkpoint, settings: settings, views: viewsRecord)
        resumedAfter = trainer.epochsDone
        // The epochs trained before the resume come from the checkpoint's history.
        if !request.logSteps { log = trainer.history.map { ($0, nil) } }
      } else {
        trainer = FinetuneTrainer(settings: settings, samples: samples, features: features)
        if let head = request.head { trainer.model.loadHead(head) }
      }
      let started = Date()
      while !trainer.isFinished {
        let steps = trainer.trainEpoch(views: views, context: context, label: label)
        try FinetuneCheckpoint.write(trainer, views: viewsRecord, to: checkpoint)
        if request.logSteps {
          log += steps.enumerated().map { ($1, $0 + 1) }
        } else if let record = trainer.history.last {
          log.append((record, nil))
        }
      }
      context.report(.finished)
      runs.append(
        FinetuneRun(
          label: label, settings: settings, directory: directory, folder: folder, model: trainer.model, history: trainer.history,
          collapse: trainer.collapse, resumedAfterEpoch: resumedAfter, trainingSeconds: Date().timeIntervalSince(started), log: log))
    }
    return runs
  }
}
