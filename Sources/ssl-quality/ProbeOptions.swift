// ssl-quality · ProbeOptions.swift — the linear-probe protocol knobs, shared by probe and score.

import ArgumentParser
import SSLQuality
import SSLQualityAnalysis

/// The evaluation protocol.
enum ProbeMethod: String, ExpressibleByArgument, CaseIterable {
  case logreg, sgd, knn
}

/// `--method` and every protocol knob.
struct ProbeOptions: ParsableArguments {
  @Option(help: "Protocol: logreg (L-BFGS, scikit-learn's objective), sgd (DINO/solo-learn recipe) or knn (DINO weighted kNN).")
  var method: ProbeMethod = .logreg

  @Option(name: .customLong("C"), parsing: .unconditional, help: "logreg: inverse L2 strength.")
  var inverseRegularization: Double = 1

  @Flag(inversion: .prefixedNo, help: "logreg/sgd: standardise features with the train split's mean and std.")
  var standardize = true

  @Option(parsing: .unconditional, help: "logreg: stop when the largest gradient component is at most this.")
  var tolerance: Double = 1e-4

  @Option(parsing: .unconditional, help: "logreg: L-BFGS iteration limit (a fit that reaches it without meeting --tolerance is reported as not converged).")
  var maxIter: Int = LBFGS.defaultMaxIterations

  @Option(parsing: .unconditional, help: "sgd: base learning rate (cosine schedule per epoch).")
  var lr: Double = 0.1

  @Option(parsing: .unconditional, help: "sgd: epochs.")
  var epochs: Int = 100

  @Option(parsing: .unconditional, help: "sgd: mini-batch size.")
  var batchSize: Int = 256

  @Option(parsing: .unconditional, help: "sgd: weight decay.")
  var weightDecay: Double = 0

  @Option(parsing: .unconditional, help: "sgd: random seed (initialisation and shuffling).")
  var seed: UInt64 = 0

  @Option(parsing: .unconditional, help: "knn: neighbours.")
  var k: Int = 20

  @Option(parsing: .unconditional, help: "knn: temperature T of the vote weights exp(sim / T).")
  var temperature: Double = 0.07

  mutating func validate() throws {
    try FlagRules.above("--C", inverseRegularization)
    try FlagRules.above("--tolerance", tolerance)
    try FlagRules.atLeast("--max-iter", maxIter, 1)
    try FlagRules.atLeast("--epochs", epochs, 1)
    try FlagRules.atLeast("--batch-size", batchSize, 1)
    try FlagRules.atLeast("--k", k, 1)
    try FlagRules.above("--lr", lr)
    try FlagRules.atLeast("--weight-decay", weightDecay)
    try FlagRules.above("--temperature", temperature)
  }

  /// The protocol with these knobs.
  var probeProtocol: ProbeProtocol {
    switch method {
    case .logreg:
      var probe = LogisticRegressionProbe()
      probe.inverseRegularization = inverseRegularization
      probe.standardize = standardize
      probe.optimizer.tolerance = tolerance
      probe.optimizer.maxIterations = maxIter
      return .logisticRegression(probe)
    case .sgd:
      var probe = SGDProbe()
      probe.learningRate = lr
      probe.epochs = epochs
      probe.batchSize = batchSize
      probe.weightDecay = weightDecay
      probe.seed = seed
      probe.standardize = standardize
      return .sgd(probe)
    case .knn:
      var knn = KNNClassifier()
      knn.k = k
      knn.temperature = temperature
      return .knn(knn)
    }
  }

  /// The warning line for probe fits that stopped without converging: at --max-iter, or
  /// (`atFloor` of them) with the gradient at its floating-point floor above --tolerance.
  func notConverged(fits: Int, unconverged: Int, atFloor: Int, gradientNorm: Double? = nil) -> String {
    let what = fits == 1 ? "the logreg probe" : "\(unconverged) of \(fits) logreg probe fits"
    let gradient = gradientNorm.map { " (max |gradient| \(Format.number($0)) > --tolerance \(Format.number(tolerance)))" } ?? ""
    if atFloor == 0 {
      return "ssl-quality: warning: \(what) stopped at --max-iter \(maxIter) without converging\(gradient); "
        + "its accuracy is not the optimum's: raise --max-iter\n"
    }
    let which = atFloor == unconverged ? "" : " (\(atFloor) of them; the others stopped at --max-iter \(maxIter))"
    return "ssl-quality: warning: \(what) did not converge: gradient at floating-point floor\(which)\(gradient); "
      + "no step lowers the objective any further in float32 arithmetic: use a --tolerance above that gradient\n"
  }

  /// The L-BFGS probe these knobs describe (`compress` sweeps it).
  ///
  /// - Throws: `ValidationError` unless the method is logreg with standardisation.
  func logisticRegression(for command: String) throws -> LogisticRegressionProbe {
    guard method == .logreg, standardize else {
      throw ValidationError("\(command) sweeps the logreg probe on standardised features; --method \(method.rawValue)\(standardize ? "" : " --no-standardize") is not supported")
    }
    guard case .logisticRegression(let probe) = probeProtocol else { preconditionFailure("logreg") }
    return probe
  }
}
