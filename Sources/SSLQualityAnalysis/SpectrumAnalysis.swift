// ssl-quality · SpectrumAnalysis.swift — label-free spectral measures of one representation.

import Foundation
import SSLQuality
import SSLQualityIO

/// RankMe, α-ReQ, effective rank, dead features and collapse of an embeddings file from
/// one pass (``SpectrumResult``), and — given two views of the same samples — their
/// alignment and uniformity. With ``bootstrap`` replicates, percentile intervals of RankMe
/// and α-ReQ by resampling rows (``SpectrumBootstrap``: one more pass and two
/// eigendecompositions per replicate).
public struct SpectrumAnalysis: Analysis {
  /// Embeddings: `path`, `path.npz:key`, `path.safetensors:name` or `path.pth:key`.
  public var embeddings: String
  /// Ranks of the α-ReQ power-law fit, from 1, inclusive.
  public var alphaRange = SpectralMeasures.defaultAlphaRange
  /// Two views of the same samples (row `i` of each).
  public var views: (String, String)?
  /// Refuse rows holding NaN or ±∞ instead of leaving them out.
  public var strict = false
  /// Bootstrap replicates over rows (0: no intervals) and their seed.
  public var bootstrap = 0
  public var seed: UInt64 = 0

  public init(embeddings: String) { self.embeddings = embeddings }

  /// The result, the file's name and shape, and the rows left out.
  public struct Outcome: AnalysisOutcome {
    public var result: SpectrumResult
    public var source: String
    public var rows: Int, columns: Int
    public var nonFiniteRows: Int
  }

  /// - Throws: ``InputError`` for unreadable or mismatched files, or rows holding NaN or ±∞ with ``strict``.
  public func run(context: ExecutionContext, notices: NoticeSink) throws -> Outcome {
    let source = try ArrayFile.matrix(embeddings)
    let policy = NonFiniteRowPolicy(strict: strict, notices: notices)
    var (result, nonFinite) = try Self.measure(source, alphaRange: alphaRange, policy: policy, context: context)
    if bootstrap > 0 {
      result.bootstrap = try SpectrumBootstrap(resamples: bootstrap, seed: seed).run(
        source, alphaRange: alphaRange, name: source.array.name, context: context)
      context.report(.finished)
    }
    if let views { result.views = try Self.views(views.0, views.1, policy: policy, context: context) }
    return Outcome(result: result, source: source.array.name, rows: source.rows, columns: source.columns, nonFiniteRows: nonFinite)
  }

  /// The pass over `source`, rows holding NaN or ±∞ treated by `policy`; also returns their count.
  ///
  /// - Throws: ``InputError`` before any work when the Gram matrices of the smaller side do
  ///   not fit in this machine's memory (``SpectrumResult/memoryNeeded(rows:columns:)``).
  static func measure(
    _ source: StoredMatrix, alphaRange: ClosedRange<Int>, policy: NonFiniteRowPolicy, context: ExecutionContext
  ) throws -> (SpectrumResult, Int) {
    try checkMemory(source)
    let (result, nonFinite) = try SpectrumResult.measure(source, alphaRange: alphaRange, name: source.array.name, context: context)
    context.report(.finished)
    try policy.leaveOut(source: source.array.name, count: nonFinite, first: nil)
    return (result, nonFinite)
  }

  /// Throws unless the spectrum of `source` fits in this machine's physical memory
  /// (``SpectrumResult/memoryNeeded(rows:columns:)``), before a byte of it is read.
  ///
  /// - Throws: ``InputError`` naming the file, the memory needed and the memory there is.
  static func checkMemory(_ source: StoredMatrix) throws {
    let needed = SpectrumResult.memoryNeeded(rows: source.rows, columns: source.columns)
    let available = ProcessInfo.processInfo.physicalMemory
    guard needed <= Double(available) else {
      let side = min(source.rows, source.columns)
      throw InputError(
        source.array.name,
        "the spectrum of a \(source.rows) × \(source.columns) matrix needs \(ByteCountText.format(Int(min(needed, Double(Int.max))))) "
          + "of memory (two \(side) × \(side) Gram matrices in Double), more than this machine's "
          + "\(ByteCountText.format(Int(clamping: available)))")
    }
  }

  /// Alignment and uniformity of two views, checked to match row for row; rows holding NaN
  /// or ±∞ in either view are left out of both (``NonFiniteRowPolicy/leaveOut(paired:)``).
  static func views(_ a: String, _ b: String, policy: NonFiniteRowPolicy, context: ExecutionContext) throws -> ViewAgreement {
    let first = try ArrayFile.matrix(a), second = try ArrayFile.matrix(b)
    guard first.rows == second.rows, first.columns == second.columns else {
      throw InputError(b, "has shape (\(second.rows), \(second.columns)) but \(first.array.name) has (\(first.rows), \(first.columns)); views must match row for row")
    }
    let valuesA = first.load(context: context), valuesB = second.load(context: context)
    let left = try policy.leaveOut(paired: [(first.array.name, NonFiniteRows(valuesA)), (second.array.name, NonFiniteRows(valuesB))])
    guard left.count < left.rows else { throw InputError(b, "no row is free of NaN and Inf in both views") }
    return ViewAgreement(left.removing(from: valuesA), left.removing(from: valuesB))
  }
}
