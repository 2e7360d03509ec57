// ssl-quality · FeaturesAnalysis.swift — the discriminative features of a representation.

import SSLQuality
import SSLQualityIO

/// Activation frequencies `A_j` (the share of samples for which feature `j` is highly
/// active, `h_ij > μ_i + ε σ_i`) and `Dset`, the features whose non-zero `A_j` lies within
/// a percentile band — from one pass over the matrix, or over the matrix of
/// `--discriminative-from` (the one rule of ``DiscriminativeFit``; `features` has no
/// train split).
public struct FeaturesAnalysis: Analysis {
  /// Embeddings: `path`, `path.npz:key`, `path.safetensors:name` or `path.pth:key`.
  public var embeddings: String
  public var epsilon = 4.0
  public var band: ClosedRange<Double> = 50...95
  /// Fit `Dset` (and report `A_j`) on this matrix instead of `embeddings`.
  public var discriminativeFrom: String?
  /// Refuse rows holding NaN or ±∞ instead of leaving them out.
  public var strict = false

  public init(embeddings: String) { self.embeddings = embeddings }

  /// The result and what a figure of it needs.
  public struct Outcome: AnalysisOutcome {
    public var result: FeaturesResult
    public var source: String
    public var discriminative: DiscriminativeFeatures
  }

  /// - Throws: ``InputError`` for an unreadable file, or rows holding NaN or ±∞ with ``strict``.
  public func run(context: ExecutionContext, notices: NoticeSink) throws -> Outcome {
    let source = try ArrayFile.matrix(embeddings)
    let profile = try ActivationPass.run(source, epsilon: epsilon, extremes: false, strict: strict, context: context, notices: notices)
    let (discriminative, dsetSource) = try DiscriminativeFit.choose(
      discriminativeFrom: discriminativeFrom, train: nil, analysed: source.array.name, features: profile.features
    ).fit(epsilon: epsilon, band: band, strict: strict, context: context, notices: notices, analysed: profile)
    let result = FeaturesResult(
      samples: profile.samples, features: profile.features, epsilon: epsilon, band: [band.lowerBound, band.upperBound],
      thresholds: discriminative.thresholds.map { [$0.low, $0.high] }, activationFrequency: discriminative.frequencies,
      discriminativeFeatures: discriminative.indices, discriminativeCount: discriminative.count,
      dsetSource: dsetSource,
      warnings: AnalysisWarning.scoring(discriminativeCount: discriminative.count, empty: 0, samples: 0).map(\.reported))
    return Outcome(result: result, source: source.array.name, discriminative: discriminative)
  }
}

/// The result of ``FeaturesAnalysis`` (the `features --json` document).
public struct FeaturesResult: Codable, Sendable, Equatable {
  public var samples: Int, features: Int
  public var epsilon: Double
  public var band: [Double]
  /// `[P(lo), P(hi)]`, `null` when no feature is ever highly active.
  @NullWhenAbsent public var thresholds: [Double]?
  /// `A_j` for every feature, on the matrix `Dset` was fitted on.
  public var activationFrequency: [Double]
  /// `Dset`, ascending.
  public var discriminativeFeatures: [Int]
  public var discriminativeCount: Int
  public var dsetSource: DiscriminativeSource
  public var warnings: [ReportedWarning]

  enum CodingKeys: String, OrderedCodingKey {
    case samples, features, epsilon, band, thresholds
    case activationFrequency = "activation_frequency", discriminativeFeatures = "discriminative_features"
    case discriminativeCount = "discriminative_count", dsetSource = "dset_source", warnings
  }
}
