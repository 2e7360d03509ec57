// ssl-quality · AdaptAnalysis.swift — a saved adapter applied to an embedding file, in row blocks.

import SSLQuality
import SSLQualityFinetune
import SSLQualityIO
import SSLQualityTraining

/// Applies a fine-tuned adapter (`adapter.safetensors`, ``AdapterFile``) to every row of an
/// embedding file. The rows are adapted while they are written (``AdaptOutcome/write(to:in:context:)``),
/// `blockRows` at a time, so memory stays at a few blocks whatever the file's size.
public struct AdaptAnalysis: Analysis {
  /// The adapter file and the embeddings (`N × D`, D the adapter's width).
  public var adapter: String, embeddings: String
  /// Rows read at a time, rounded up to whole ``AlignedRowBlocks``; the output is the same for any value.
  public var blockRows = 4096

  public init(adapter: String, embeddings: String) {
    self.adapter = adapter
    self.embeddings = embeddings
  }

  /// Reads the adapter and opens the embeddings, checking their widths agree.
  ///
  /// - Throws: ``InputError`` naming the file for an unreadable or malformed adapter or
  ///   embeddings, or embeddings of another width.
  public func run(context: ExecutionContext, notices: NoticeSink) throws -> AdaptOutcome {
    let model = try AdapterFile.read(adapter)
    let source = try ArrayFile.matrix(embeddings)
    guard source.columns == model.fc1.inputs else {
      throw InputError(embeddings, "has \(source.columns) features but the adapter takes \(model.fc1.inputs)")
    }
    return AdaptOutcome(
      result: AdaptResult(rows: source.rows, features: source.columns, hidden: model.fc1.outputs), adapter: model, source: source,
      blockRows: blockRows)
  }
}

/// The checked adapter and embeddings, ready to be adapted into a file.
public struct AdaptOutcome: AnalysisOutcome {
  public var result: AdaptResult
  let adapter: ResidualAdapter<Float>
  let source: StoredMatrix
  let blockRows: Int

  /// Adapts every row and writes the `N × D` float32 `.npy` to `path`, staged in
  /// `outputs` (``AdapterFile/apply(_:to:writing:in:blockRows:)``).
  public func write(to path: String, in outputs: OutputSet, context: ExecutionContext) throws {
    try context.blas { try AdapterFile.apply(adapter, to: source, writing: path, in: outputs, blockRows: blockRows) }
  }
}

/// What `adapt` adapted: the rows and width of the embeddings and the adapter's hidden width.
public struct AdaptResult: Codable, Sendable, Equatable {
  public var rows: Int, features: Int, hidden: Int
}
