// ssl-quality · FinetuneResult.swift — what `finetune` found: its JSON document.

import SSLQualityFinetune

/// The `finetune --json` document (also `--out DIR/finetune.json` and `--json-out`),
/// written by ``ResultJSON`` as one line with snake_case keys (``SnakeCaseResult``), sorted,
/// and `null` for NaN and ±∞: the knobs, the input shape, the representation before
/// fine-tuning and every run.
public struct FinetuneResult: Codable, Sendable, Equatable, SnakeCaseResult {
  public var samples: Int, features: Int, views: Int
  public var settings: FinetuneSettings
  /// `--head`, when a pretrained head was loaded.
  public var head: String?
  public var threads: Int
  public var before: RepresentationEvaluation?
  public var runs: [FinetuneRunResult]
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
