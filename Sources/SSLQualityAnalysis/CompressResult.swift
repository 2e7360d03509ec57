// ssl-quality · CompressResult.swift — the results of `compress` and `compress --keep`.

import SSLQuality

/// The result of a ``CompressAnalysis`` sweep (the `compress --json` document): the sweep's
/// ``Outcome`` (its fields read as the result's own, `result.fullAccuracy`) followed by the
/// provenance, in one JSON object.
@dynamicMemberLookup
public struct CompressResult: Codable, Sendable, Equatable {
  public var outcome: Outcome
  /// `|Dset|`, its source, the warnings, the protocol and the run time.
  public var provenance: CompressProvenance

  /// Full accuracy, the curve and what it shows.
  public struct Outcome: Codable, Sendable, Equatable {
    /// Accuracy of the probe on every feature, its Wilson interval, and the test samples
    /// every accuracy of the result is measured on.
    @FiniteOrNull public var fullAccuracy: Double
    @NullWhenAbsent public var fullAccuracyInterval: IntervalJSON?
    public var testSamples: Int
    public var curve: [CurvePoint]
    /// The smallest kept fraction within 1 point of `fullAccuracy`, and its gap over the
    /// random rankings' mean (`null` when none).
    @NullWhenAbsent public var compressibleFraction: Double?
    @NullWhenAbsent public var gapToRandom: Double?
    @NullWhenAbsent public var verdict: Verdict?

    enum CodingKeys: String, OrderedCodingKey {
      case fullAccuracy = "full_accuracy", fullAccuracyInterval = "full_accuracy_interval", testSamples = "test_samples", curve
      case compressibleFraction = "compressible_fraction", gapToRandom = "gap_to_random", verdict
    }
  }

  public subscript<Value>(dynamicMember field: WritableKeyPath<Outcome, Value>) -> Value {
    get { outcome[keyPath: field] }
    set { outcome[keyPath: field] = newValue }
  }

  init(
    fullAccuracy: Double, fullCorrect: [Bool], curve: [CurvePoint], compressibleFraction: Double?, gapToRandom: Double?, verdict: Verdict?,
    provenance: CompressProvenance
  ) {
    outcome = Outcome(
      fullAccuracy: fullAccuracy, fullAccuracyInterval: .wilson(fullCorrect), testSamples: fullCorrect.count, curve: curve,
      compressibleFraction: compressibleFraction, gapToRandom: gapToRandom, verdict: verdict)
    self.provenance = provenance
  }

  public init(from decoder: any Decoder) throws {
    outcome = try Outcome(from: decoder)
    provenance = try CompressProvenance(from: decoder)
  }

  public func encode(to encoder: any Encoder) throws {
    try outcome.encode(to: encoder)
    try provenance.encode(to: encoder)
  }

  /// Accuracy at one kept fraction: by the discriminative ranking, by random rankings
  /// (mean and population std over the seeds) and by variance; the Wilson intervals of the
  /// discriminative and variance rankings' accuracies, and McNemar's test of each against
  /// the probe on all features on the same test samples (first = the kept features).
  public struct CurvePoint: Codable, Sendable, Equatable {
    public var fraction: Double
    public var kept: Int
    @FiniteOrNull public var discriminative: Double
    @FiniteOrNull public var randomMean: Double
    @FiniteOrNull public var randomStd: Double
    @FiniteOrNull public var variance: Double
    @NullWhenAbsent public var discriminativeInterval: IntervalJSON?
    @NullWhenAbsent public var varianceInterval: IntervalJSON?
    @NullWhenAbsent public var discriminativeVsFull: McNemarJSON?
    @NullWhenAbsent public var varianceVsFull: McNemarJSON?

    enum CodingKeys: String, OrderedCodingKey {
      case fraction, kept, discriminative, randomMean = "random_mean", randomStd = "random_std", variance
      case discriminativeInterval = "discriminative_interval", varianceInterval = "variance_interval"
      case discriminativeVsFull = "discriminative_vs_full", varianceVsFull = "variance_vs_full"
    }

    /// `point`, with `fullCorrect` the per-sample correctness of the probe on all features.
    public init(_ point: CompressionSweep.Point, fullCorrect: [Bool]) {
      (fraction, kept, discriminative) = (point.fraction, point.kept, point.discriminative)
      (randomMean, randomStd, variance) = (point.randomMean, point.randomStd, point.variance)
      (discriminativeInterval, varianceInterval) = (.wilson(point.discriminativeCorrect), .wilson(point.varianceCorrect))
      discriminativeVsFull = McNemarJSON(first: point.discriminativeCorrect, second: fullCorrect)
      varianceVsFull = McNemarJSON(first: point.varianceCorrect, second: fullCorrect)
    }
  }

  /// ``CompressionVerdict`` with the documented keys: the gap against the random spread
  /// (`outcome`) and against the test sampling error (`against_random`, one McNemar test
  /// per seed, first = discriminative; `sampling_outcome`), and the kept features against
  /// all features (`against_full`, first = kept).
  public struct Verdict: Codable, Sendable, Equatable {
    public var fraction: Double
    @FiniteOrNull public var gap: Double
    @FiniteOrNull public var randomMean: Double
    @FiniteOrNull public var randomStd: Double
    public var seeds: Int
    @NullWhenAbsent public var standardDeviations: Double?
    public var outcome: CompressionVerdict.Outcome
    public var againstRandom: [McNemarJSON]
    public var samplingOutcome: CompressionVerdict.SamplingOutcome
    @NullWhenAbsent public var againstFull: McNemarJSON?

    enum CodingKeys: String, OrderedCodingKey {
      case fraction, gap, randomMean = "random_mean", randomStd = "random_std", seeds
      case standardDeviations = "standard_deviations", outcome, againstRandom = "against_random", samplingOutcome = "sampling_outcome"
      case againstFull = "against_full"
    }

    public init(_ verdict: CompressionVerdict) {
      (fraction, gap, randomMean, randomStd) = (verdict.fraction, verdict.gap, verdict.randomMean, verdict.randomStd)
      (seeds, standardDeviations, outcome) = (verdict.seeds, verdict.standardDeviations, verdict.outcome)
      (againstRandom, samplingOutcome) = (verdict.againstRandom.map(McNemarJSON.init), verdict.samplingOutcome)
      againstFull = verdict.againstFull.map(McNemarJSON.init)
    }
  }
}

/// The result of `compress --keep`: the kept features' accuracy next to all features' (each
/// with its Wilson interval, and McNemar's test of the kept features against all of them on
/// the same test samples), and the files the kept columns go to.
public struct KeepResult: Codable, Sendable, Equatable {
  public struct Kept: Codable, Sendable, Equatable {
    public var fraction: Double
    public var kept: Int, features: Int
    @FiniteOrNull public var accuracy: Double
    @NullWhenAbsent public var accuracyInterval: IntervalJSON?
    @NullWhenAbsent public var againstFull: McNemarJSON?
    public var files: [String]

    enum CodingKeys: String, OrderedCodingKey {
      case fraction, kept, features, accuracy, accuracyInterval = "accuracy_interval", againstFull = "against_full", files
    }
  }

  public var keep: Kept
  @FiniteOrNull public var fullAccuracy: Double
  public var fullAccuracyInterval: IntervalJSON?
  /// `|Dset|`, its source, the warnings, the protocol and the run time.
  public var provenance: CompressProvenance

  enum CodingKeys: String, OrderedCodingKey {
    case keep, fullAccuracy = "full_accuracy", fullAccuracyInterval = "full_accuracy_interval"
  }

  init(keep: Kept, fullAccuracy: Double, fullAccuracyInterval: IntervalJSON?, provenance: CompressProvenance) {
    (self.keep, self.fullAccuracy, self.fullAccuracyInterval, self.provenance) = (keep, fullAccuracy, fullAccuracyInterval, provenance)
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    keep = try c.decode(Kept.self, forKey: .keep)
    _fullAccuracy = try c.decode(FiniteOrNull.self, forKey: .fullAccuracy)
    fullAccuracyInterval = try c.decodeIfPresent(IntervalJSON.self, forKey: .fullAccuracyInterval)
    provenance = try CompressProvenance(from: decoder)
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(keep, forKey: .keep)
    try c.encode(_fullAccuracy, forKey: .fullAccuracy)
    try c.encode(NullWhenAbsent(wrappedValue: fullAccuracyInterval), forKey: .fullAccuracyInterval)
    try provenance.encode(to: encoder)
  }
}

/// What both `compress` results end with, flattened into their JSON object: `|Dset|`,
/// where `Dset` came from, the warnings, the protocol and the run time.
public struct CompressProvenance: Codable, Sendable, Equatable {
  public var discriminativeCount: Int
  public var dsetSource: DiscriminativeSource
  public var warnings: [ReportedWarning]
  public var `protocol`: CompressSettings
  public var seconds: Double

  enum CodingKeys: String, OrderedCodingKey {
    case discriminativeCount = "discriminative_count", dsetSource = "dset_source", warnings, `protocol`, seconds
    static var firstPosition: Int { 20 }
  }
}

/// The `protocol` object of `compress`: ε, the band, the probe's settings, the sweep's
/// knobs and (after a sweep) how its fits ended, in one JSON object.
public struct CompressSettings: Codable, Sendable, Equatable {
  public var probe: ProbeSettings
  public var sweep: Sweep
  public var convergence: Convergence?

  /// ε, the band and the sweep's knobs.
  public struct Sweep: Codable, Sendable, Equatable {
    public var epsilon: Double
    public var band: [Double]
    public var seeds: Int
    public var fractions: [Double]
    public var warmStart: Bool
    public var excludedTestRows: Int

    /// After the probe's settings in a flattened object.
    enum CodingKeys: String, OrderedCodingKey {
      case epsilon, band, seeds, fractions, warmStart = "warm_start", excludedTestRows = "excluded_test_rows"
      static var firstPosition: Int { 40 }
    }
  }

  /// How the sweep's fits ended.
  public struct Convergence: Codable, Sendable, Equatable {
    public var fits: Int, unconvergedFits: Int, mostIterations: Int
    public var converged: Bool

    /// After the sweep's knobs in a flattened object.
    enum CodingKeys: String, OrderedCodingKey {
      case fits, unconvergedFits = "unconverged_fits", mostIterations = "most_iterations", converged
      static var firstPosition: Int { 60 }
    }
  }

  init(probe: ProbeSettings, epsilon: Double, band: [Double], seeds: Int, fractions: [Double], warmStart: Bool, excludedTestRows: Int) {
    self.probe = probe
    sweep = Sweep(epsilon: epsilon, band: band, seeds: seeds, fractions: fractions, warmStart: warmStart, excludedTestRows: excludedTestRows)
  }

  public init(from decoder: any Decoder) throws {
    probe = try ProbeSettings(from: decoder)
    sweep = try Sweep(from: decoder)
    let swept = try decoder.container(keyedBy: Convergence.CodingKeys.self).contains(.fits)
    convergence = swept ? try Convergence(from: decoder) : nil
  }

  public func encode(to encoder: any Encoder) throws {
    try probe.encode(to: encoder)
    try sweep.encode(to: encoder)
    try convergence?.encode(to: encoder)
  }
}

/// The `compress --json` document: the sweep's result or, with `--keep`, the kept
/// features' result, each encoded as itself.
public enum CompressDocument: Codable, Sendable, Equatable {
  case sweep(CompressResult)
  case keep(KeepResult)

  /// A kept-features result when the document has its `keep` object, else a sweep.
  public init(from decoder: any Decoder) throws {
    let keeps = try decoder.container(keyedBy: KeepResult.CodingKeys.self).contains(.keep)
    self = keeps ? .keep(try KeepResult(from: decoder)) : .sweep(try CompressResult(from: decoder))
  }

  public func encode(to encoder: any Encoder) throws {
    switch self {
    case .sweep(let result): try result.encode(to: encoder)
    case .keep(let result): try result.encode(to: encoder)
    }
  }
}

extension CompressResult.Outcome {
  /// The discriminative curve's Wilson intervals, one per point, for the figure's band;
  /// `nil` when a point has none.
  public var intervals: [ConfidenceInterval]? {
    let all = curve.compactMap { $0.discriminativeInterval?.interval }
    return all.count == curve.count ? all : nil
  }
}
