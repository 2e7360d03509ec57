// ssl-quality · FinetuneResult.swift — what `finetune` found: its JSON document.

import SSLQualityFinetune

/// The `finetune --json` document (also `--out DIR/finetune.json` and `--json-out`),
/// written by ``ResultJSON`` as one line, keys in the order of each type's `CodingKeys`
/// and `null` for NaN and ±∞: the knobs (``FinetuneSettingsJSON``), the input shape, the
/// representation before fine-tuning and every run.
public struct FinetuneResult: Codable, Sendable, Equatable {
  public var samples: Int, features: Int, views: Int
  public var settings: FinetuneSettings
  /// `--head`, when a pretrained head was loaded.
  public var head: String?
  public var threads: Int
  public var before: RepresentationEvaluation?
  public var runs: [FinetuneRunResult]
  /// Each run against its reference on the same test samples (``FinetuneVerdict``).
  public var verdicts: [FinetuneVerdict]

  enum CodingKeys: String, OrderedCodingKey {
    case before, features, head, runs, samples, settings, threads, verdicts, views
  }

  public init(
    samples: Int, features: Int, views: Int, settings: FinetuneSettings, head: String?, threads: Int,
    before: RepresentationEvaluation?, runs: [FinetuneRunResult], verdicts: [FinetuneVerdict] = []
  ) {
    (self.samples, self.features, self.views, self.settings) = (samples, features, views, settings)
    (self.head, self.threads, self.before, self.runs, self.verdicts) = (head, threads, before, runs, verdicts)
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      samples: try c.decode(Int.self, forKey: .samples), features: try c.decode(Int.self, forKey: .features),
      views: try c.decode(Int.self, forKey: .views), settings: try c.decode(FinetuneSettingsJSON.self, forKey: .settings).settings,
      head: try c.decodeIfPresent(String.self, forKey: .head), threads: try c.decode(Int.self, forKey: .threads),
      before: try c.decodeIfPresent(RepresentationEvaluation.self, forKey: .before),
      runs: try c.decode([FinetuneRunResult].self, forKey: .runs),
      verdicts: try c.decodeIfPresent([FinetuneVerdict].self, forKey: .verdicts) ?? [])
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encodeIfPresent(before, forKey: .before)
    try c.encode(features, forKey: .features)
    try c.encodeIfPresent(head, forKey: .head)
    try c.encode(runs, forKey: .runs)
    try c.encode(samples, forKey: .samples)
    try c.encode(FinetuneSettingsJSON(settings), forKey: .settings)
    try c.encode(threads, forKey: .threads)
    try c.encode(verdicts, forKey: .verdicts)
    try c.encode(views, forKey: .views)
  }
}

/// One fine-tuning run of a command (the run with R, its control without R, or one λ of a
/// sweep).
public struct FinetuneRunResult: Codable, Sendable, Equatable {
  /// `with_r`, `without_r` (the control) or `lambda=<λ>` for a sweep.
  public var label: String
  public var lambda1: Double, lambda2: Double
  /// Output folder of the run, relative to `--out` (`.` for the main run).
  public var directory: String
  public var epochsCompleted: Int
  /// The epoch after which this invocation continued the run from its checkpoint
  /// (`--resume`), if it did.
  public var resumedAfterEpoch: Int?
  /// Set when the collapse guard (or a non-finite loss) stopped the run early.
  public var collapse: CollapseStop?
  public var history: [EpochRecord]
  /// The adapted representation's figures (when evaluation splits were given).
  public var evaluation: RepresentationEvaluation?
  /// Wall-clock seconds spent training in this invocation (checkpoints included).
  public var trainingSeconds: Double

  enum CodingKeys: String, OrderedCodingKey {
    case collapse, directory, epochsCompleted = "epochs_completed", evaluation, history, label, lambda1, lambda2
    case resumedAfterEpoch = "resumed_after_epoch", trainingSeconds = "training_seconds"
  }

  /// The run as the table's columns and the figure's legend name it: `without R`, `with R`
  /// or `λ=<λ>`.
  public var title: String {
    switch label {
    case "without_r": "without R"
    case "with_r": "with R"
    default: label.replacingOccurrences(of: "lambda", with: "λ")
    }
  }
}
