// ssl-quality · ProbeSettings.swift — a probe's protocol and knobs, and how its fit ended, as results report them.

import SSLQuality

/// The protocol of a probe and the knobs that protocol uses, with the documented JSON keys
/// (`method`, then logreg: `C`, `standardize`, `tolerance`, `max_iter`; sgd: `lr`, `epochs`,
/// `batch_size`, `weight_decay`, `seed`, `standardize`, `momentum`; knn: `k`, `temperature`).
/// Knobs of other methods are absent.
public struct ProbeSettings: Codable, Sendable, Equatable {
  /// `logreg`, `sgd` or `knn`.
  public var method: String
  public var c: Double?, tolerance: Double?, maxIter: Int?
  public var standardize: Bool?
  public var lr: Double?, epochs: Int?, batchSize: Int?, weightDecay: Double?, seed: UInt64?, momentum: Double?
  public var k: Int?, temperature: Double?

  /// First the method, then its knobs in the documented order.
  enum CodingKeys: String, OrderedCodingKey {
    case method
    case c = "C", standardize, tolerance, maxIter = "max_iter"
    case lr, epochs, batchSize = "batch_size", weightDecay = "weight_decay", seed, momentum
    case k, temperature
  }

  /// The settings of `probe`.
  public init(_ probe: ProbeProtocol) {
    switch probe {
    case .logisticRegression(let p):
      method = "logreg"
      (c, standardize, tolerance, maxIter) = (p.inverseRegularization, p.standardize, p.optimizer.tolerance, p.optimizer.maxIterations)
    case .sgd(let p):
      method = "sgd"
      (lr, epochs, batchSize, weightDecay) = (p.learningRate, p.epochs, p.batchSize, p.weightDecay)
      (seed, standardize, momentum) = (p.seed, p.standardize, p.momentum)
    case .knn(let p):
      method = "knn"
      (k, temperature) = (p.k, p.temperature)
    }
  }
}

/// How a probe's fit ended: L-BFGS iterations (SGD: epochs), convergence and the largest
/// gradient component; `null` where the method has none.
public struct ProbeFit: Codable, Sendable, Equatable {
  @NullWhenAbsent public var iterations: Int?
  @NullWhenAbsent public var converged: Bool?
  @NullWhenAbsent public var gradientNorm: Double?

  /// After the settings in a flattened object.
  enum CodingKeys: String, OrderedCodingKey {
    case iterations, converged, gradientNorm = "gradient_norm"
    static var firstPosition: Int { 20 }
  }

  public init(_ run: ProbeProtocol.Run) {
    iterations = run.iterations
    converged = run.converged
    gradientNorm = run.gradientNorm
  }
}

/// The probe of `score --train`, as `misclassification.probe` reports it: settings and
/// fit in one JSON object.
public struct FittedProbe: Codable, Sendable, Equatable {
  public var settings: ProbeSettings
  public var fit: ProbeFit

  public init(settings: ProbeSettings, fit: ProbeFit) {
    self.settings = settings
    self.fit = fit
  }

  public init(from decoder: any Decoder) throws {
    settings = try ProbeSettings(from: decoder)
    fit = try ProbeFit(from: decoder)
  }

  public func encode(to encoder: any Encoder) throws {
    try settings.encode(to: encoder)
    try fit.encode(to: encoder)
  }
}
