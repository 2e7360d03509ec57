// ssl-quality · ProbeOptions.swift — the linear-probe protocol knobs, shared by probe and score.

import ArgumentParser
import SSLQuality
import SSLQualityAnalysis

/// The evaluation protocol.
enum ProbeMethod: String, ExpressibleByArgument, CaseIterable {
  case logreg, sgd, knn
}

/// `--method` and every protocol knob. A knob left out keeps its protocol's default (the
/// value its help shows, read from the protocol); a knob of another method than `--method` is refused, not ignored.
struct ProbeOptions: ParsableArguments {
  @Option(name: .customLong("method"), help: "Protocol: logreg (L-BFGS, scikit-learn's objective; the default), sgd (DINO/solo-learn recipe) or knn (DINO weighted kNN).")
  var givenMethod: ProbeMethod?

  /// `--method`, logreg when left out.
  var method: ProbeMethod { givenMethod ?? .logreg }

  @Option(name: .customLong("C"), parsing: .unconditional, help: "logreg: inverse L2 strength (\(Format.number(LogisticRegressionProbe().inverseRegularization))).")
  var inverseRegularization: Double?

  @Flag(inversion: .prefixedNo, help: "logreg/sgd: standardise features with the train split's mean and std (on).")
  var standardize: Bool?

  @Option(parsing: .unconditional, help: "logreg: stop when the largest gradient component is at most this (\(LogisticRegressionProbe().optimizer.tolerance)).")
  var tolerance: Double?

  @Option(parsing: .unconditional, help: "logreg: L-BFGS iteration limit (\(LBFGS.defaultMaxIterations); a fit that reaches it without meeting --tolerance is reported as not converged).")
  var maxIter: Int?

  @Option(parsing: .unconditional, help: "sgd: base learning rate, cosine schedule per epoch (\(SGDProbe().learningRate)).")
  var lr: Double?

  @Option(parsing: .unconditional, help: "sgd: epochs (\(SGDProbe().epochs)).")
  var epochs: Int?

  @Option(parsing: .unconditional, help: "sgd: mini-batch size (\(SGDProbe().batchSize)).")
  var batchSize: Int?

  @Option(parsing: .unconditional, help: "sgd: weight decay (\(Format.number(SGDProbe().weightDecay))).")
  var weightDecay: Double?

  @Option(parsing: .unconditional, help: "sgd: random seed, of initialisation and shuffling (\(SGDProbe().seed)).")
  var seed: UInt64?

  @Option(parsing: .unconditional, help: "knn: neighbours (\(KNNClassifier().k)).")
  var k: Int?

  @Option(parsing: .unconditional, help: "knn: temperature T of the vote weights exp(sim / T) (\(KNNClassifier().temperature)).")
  var temperature: Double?

  mutating func validate() throws {
    if let inverseRegularization { try FlagRules.above("--C", inverseRegularization) }
    if let tolerance { try FlagRules.above("--tolerance", tolerance) }
    if let maxIter { try FlagRules.atLeast("--max-iter", maxIter, 1) }
    if let epochs { try FlagRules.atLeast("--epochs", epochs, 1) }
    if let batchSize { try FlagRules.atLeast("--batch-size", batchSize, 1) }
    if let k { try FlagRules.atLeast("--k", k, 1) }
    if let lr { try FlagRules.above("--lr", lr) }
    if let weightDecay { try FlagRules.atLeast("--weight-decay", weightDecay) }
    if let temperature { try FlagRules.above("--temperature", temperature) }
    for knob in knobs where knob.given && !knob.methods.contains(method) {
      throw ValidationError("\(knob.flag) applies to --method \(knob.methods.map(\.rawValue).joined(separator: " and ")) only, not \(method.rawValue)")
    }
  }

  /// Each knob's flag, whether it was given, and the methods it sets.
  private var knobs: [(flag: String, given: Bool, methods: [ProbeMethod])] {
    [
      ("--C", inverseRegularization != nil, [.logreg]), ("--standardize", standardize != nil, [.logreg, .sgd]),
      ("--tolerance", tolerance != nil, [.logreg]), ("--max-iter", maxIter != nil, [.logreg]), ("--lr", lr != nil, [.sgd]),
      ("--epochs", epochs != nil, [.sgd]), ("--batch-size", batchSize != nil, [.sgd]), ("--weight-decay", weightDecay != nil, [.sgd]),
      ("--seed", seed != nil, [.sgd]), ("--k", k != nil, [.knn]), ("--temperature", temperature != nil, [.knn]),
    ]
  }

  /// Refuses the knobs given to a command that fits its probe on `--train` when `train`
  /// (that flag) is nil: no probe is fitted, so they would be ignored.
  func checkFitted(train: String?) throws {
    if train == nil, let knob = ([("--method", givenMethod != nil, ProbeMethod.allCases)] + knobs).first(where: \.given) {
      throw ValidationError("\(knob.flag) sets the probe fitted on --train; give --train and --train-labels")
    }
  }

  /// The L-BFGS probe with these knobs (whatever `--method` says).
  private var logreg: LogisticRegressionProbe {
    var probe = LogisticRegressionProbe()
    if let inverseRegularization { probe.inverseRegularization = inverseRegularization }
    if let standardize { probe.standardize = standardize }
    if let tolerance { probe.optimizer.tolerance = tolerance }
    if let maxIter { probe.optimizer.maxIterations = maxIter }
    return probe
  }

  /// The protocol with these knobs.
  var probeProtocol: ProbeProtocol {
    switch method {
    case .logreg:
      return .logisticRegression(logreg)
    case .sgd:
      var probe = SGDProbe()
      if let lr { probe.learningRate = lr }
      if let epochs { probe.epochs = epochs }
      if let batchSize { probe.batchSize = batchSize }
      if let weightDecay { probe.weightDecay = weightDecay }
      if let seed { probe.seed = seed }
      if let standardize { probe.standardize = standardize }
      return .sgd(probe)
    case .knn:
      var knn = KNNClassifier()
      if let k { knn.k = k }
      if let temperature { knn.temperature = temperature }
      return .knn(knn)
    }
  }

  /// The warning line for probe fits that stopped without converging: at --max-iter, or
  /// (`atFloor` of them) with the gradient at its floating-point floor above --tolerance.
  func notConverged(fits: Int, unconverged: Int, atFloor: Int, gradientNorm: Double? = nil) -> String {
    let what = fits == 1 ? "the logreg probe" : "\(unconverged) of \(fits) logreg probe fits"
    let (tolerance, maxIter) = (logreg.optimizer.tolerance, logreg.optimizer.maxIterations)
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
    let probe = logreg
    guard method == .logreg, probe.standardize else {
      throw ValidationError("\(command) sweeps the logreg probe on standardised features; --method \(method.rawValue)\(probe.standardize ? "" : " --no-standardize") is not supported")
    }
    return probe
  }
}
