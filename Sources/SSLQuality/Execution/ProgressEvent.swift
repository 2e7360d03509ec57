// ssl-quality · ProgressEvent.swift — typed progress reports from long computations.

/// What a long computation reports while it runs. The library only emits these; turning
/// them into text (or ignoring them) is the caller's business.
public enum ProgressEvent: Sendable, Equatable {
  /// `count` more rows of a `total`-row pass over `source` were processed.
  case rows(source: String, count: Int, total: Int)
  /// An L-BFGS iteration ended at `objective` with largest gradient component `gradientNorm`.
  case optimizerIteration(iteration: Int, objective: Double, gradientNorm: Double)
  /// An SGD epoch of `epochs` ended with mean batch loss `loss`.
  case epoch(epoch: Int, epochs: Int, loss: Double)
  /// `count` more of `total` queries (kNN test rows) were answered.
  case queries(count: Int, total: Int)
  /// One probe of a compression sweep was fitted: `ranking` kept `kept` of `features`
  /// features and reached `accuracy`; `done` of `total` probes are finished.
  case probeFitted(ranking: String, kept: Int, features: Int, accuracy: Double, done: Int, total: Int)
  /// `count` more of `total` images were scored.
  case images(count: Int, total: Int)
  /// Step `step` of `steps` in epoch `epoch` of `epochs` of fine-tuning run `run` ended with
  /// loss `loss`, of which `regularizer` is the Q-Score regulariser.
  case trainingStep(run: String, epoch: Int, epochs: Int, step: Int, steps: Int, loss: Double, regularizer: Double)
  /// The computation reporting to this sink has ended (clear any progress display).
  case finished
}

/// Receives ``ProgressEvent``s, possibly from several worker threads at once.
public typealias ProgressSink = EventSink<ProgressEvent>
