// ssl-quality · CompressResult.swift — the results of `compress` and `compress --keep`.

import SSLQuality

/// The result of a ``CompressAnalysis`` sweep (the `compress --json` document).
public struct CompressResult: Codable, Sendable, Equatable {
  /// Accuracy of the probe on every feature.
  @FiniteOrNull public var fullAccuracy: Double
  public var curve: [CurvePoint]
  /// The smallest kept fraction within 1 point of `fullAccuracy`, and its gap over the
  /// random rankings' mean (`null` when none).
  @NullWhenAbsent public var compressibleFraction: Double?
  @NullWhenAbsent public var gapToRandom: Double?
  @NullWhenAbsent public var verdict: Verdict?
  /// `|Dset|`, its source, the warnings, the protocol and the run time.
  public var provenance: CompressProvenance

  enum CodingKeys: String, OrderedCodingKey {
    case fullAccuracy = "full_accuracy", curve, compressibleFraction = "compressible_fraction", gapToRandom = "gap_to_random"
    case verdict
  }

  init(
    fullAccuracy: Double, curve: [CurvePoint], compressibleFraction: Double?, gapToRandom: Double?, verdict: Verdict?,
    provenance: CompressProvenance
  ) {
    (self.fullAccuracy, self.curve, self.compressibleFraction) = (fullAccuracy, curve, compressibleFraction)
    (self.gapToRandom, self.verdict, self.provenance) = (gapToRandom, verdict, provenance)
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    _fullAccuracy = try c.decode(FiniteOrNull.self, forKey: .fullAccuracy)
    curve = try c.decode([CurvePoint].self, forKey: .curve)
    _compressibleFraction = try c.decode(NullWhenAbsent<Double>.self, forKey: .compressibleFraction)
    _gapToRandom = try c.decode(NullWhenAbsent<Double>.self, forKey: .gapToRandom)
    _verdict = try c.decode(NullWhenAbsent<Verdict>.self, forKey: .verdict)
    provenance = try CompressProvenance(from: decoder)
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(_fullAccuracy, forKey: .fullAccuracy)
    try c.encode(curve, forKey: .curve)
    try c.encode(_compressibleFraction, forKey: .compressibleFraction)
    try c.encode(_gapToRandom, forKey: .gapToRandom)
    try c.encode(_verdict, forKey: .verdict)
    try provenance.encode(to: encoder)
  }

  /// Accuracy at one kept fraction: by the discriminative ranking, by random rankings
  /// (mean and population std over the seeds) and by variance.
  public struct CurvePoint: Codable, Sendable, Equatable {
    public var fraction: Double
    public var kept: Int
    @FiniteOrNull public var discriminative: Double
    @FiniteOrNull public var randomMean: Double
    @FiniteOrNull public var randomStd: Double
    @FiniteOrNull public var variance: Double

    enum CodingKeys: String, OrderedCodingKey {
      case fraction, kept, discriminative, randomMean = "random_mean", randomStd = "random_std", variance
    }

    public init(_ point: CompressionSweep.Point) {
      (fraction, kept, discriminative) = (point.fraction, point.kept, point.discriminative)
      (randomMean, randomStd, variance) = (point.randomMean, point.randomStd, point.variance)
    }
  }

  /// ``CompressionVerdict`` with the documented keys.
  public struct Verdict: Codable, Sendable, Equatable {
    public var fraction: Double
    @FiniteOrNull public var gap: Double
    @FiniteOrNull public var randomMean: Double
    @FiniteOrNull public var randomStd: Double
    public var seeds: Int
    @NullWhenAbsent public var standardDeviations: Double?
    public var outcome: CompressionVerdict.Outcome

    enum CodingKeys: String, OrderedCodingKey {
      case fraction, gap, randomMean = "random_mean", randomStd = "random_std", seeds
      case standardDeviations = "standard_deviations", outcome
    }

    public init(_ verdict: CompressionVerdict) {
      (fraction, gap, randomMean, randomStd) = (verdict.fraction, verdict.gap, verdict.randomMean, verdict.randomStd)
      (seeds, standardDeviations, outcome) = (verdict.seeds, verdict.standardDeviations, verdict.outcome)
    }
  }
}

/// The result of `compress --keep`: the kept features' accuracy next to all features', and
/// the files the kept columns go to.
public struct KeepResult: Codable, Sendable, Equatable {
  public struct Kept: Codable, Sendable, Equatable {
    public var fraction: Double
    public var kept: Int, features: Int
    @FiniteOrNull public var accuracy: Double
    public var files: [String]

    enum CodingKeys: String, OrderedCodingKey {
      case fraction, kept, features, accuracy, files
    }
  }

  public var keep: Kept
  @FiniteOrNull public var fullAccuracy: Double
  /// `|Dset|`, its source, the warnings, the protocol and the run time.
  public var provenance: CompressProvenance

  enum CodingKeys: String, OrderedCodingKey {
    case keep, fullAccuracy = "full_accuracy"
  }

  init(keep: Kept, fullAccuracy: Double, provenance: CompressProvenance) {
    (self.keep, self.fullAccuracy, self.provenance) = (keep, fullAccuracy, provenance)
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    keep = try c.decode(Kept.self, forKey: .keep)
    _fullAccuracy = try c.decode(FiniteOrNull.self, forKey: .fullAccuracy)
    provenance = try CompressProvenance(from: decoder)
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(keep, forKey: .keep)
    try c.encode(_fullAccuracy, forKey: .fullAccuracy)
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
  public var epsilon: Double
  public var band: [Double]
  public var seeds: Int
  public var fractions: [Double]
  public var warmStart: Bool
  public var excludedTestRows: Int
  public var convergence: Convergence?

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

  /// After the probe's settings in a flattened object (`fits` starts ``Convergence``).
  private enum CodingKeys: String, OrderedCodingKey {
    case epsilon, band, seeds, fractions, warmStart = "warm_start", excludedTestRows = "excluded_test_rows", fits
    static var firstPosition: Int { 40 }
  }

  init(probe: ProbeSettings, epsilon: Double, band: [Double], seeds: Int, fractions: [Double], warmStart: Bool, excludedTestRows: Int) {
    (self.probe, self.epsilon, self.band, self.seeds, self.fractions) = (probe, epsilon, band, seeds, fractions)
    (self.warmStart, self.excludedTestRows) = (warmStart, excludedTestRows)
  }

  public init(from decoder: any Decoder) throws {
    probe = try ProbeSettings(from: decoder)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    epsilon = try c.decode(Double.self, forKey: .epsilon)
    band = try c.decode([Double].self, forKey: .band)
    seeds = try c.decode(Int.self, forKey: .seeds)
    fractions = try c.decode([Double].self, forKey: .fractions)
    warmStart = try c.decode(Bool.self, forKey: .warmStart)
    excludedTestRows = try c.decode(Int.self, forKey: .excludedTestRows)
    convergence = c.contains(.fits) ? try Convergence(from: decoder) : nil
  }

  public func encode(to encoder: any Encoder) throws {
    try probe.encode(to: encoder)
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(epsilon, forKey: .epsilon)
    try c.encode(band, forKey: .band)
    try c.encode(seeds, forKey: .seeds)
    try c.encode(fractions, forKey: .fractions)
    try c.encode(warmStart, forKey: .warmStart)
    try c.encode(excludedTestRows, forKey: .excludedTestRows)
    try convergence?.encode(to: encoder)
  }
}
