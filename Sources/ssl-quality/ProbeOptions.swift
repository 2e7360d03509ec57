// ssl-quality · ProbeOptions.swift — the linear-probe protocol knobs, shared by probe and score.

import ArgumentParser
import SSLQuality
import SSLQualityIO

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

  /// Fits the chosen protocol on `inputs` and predicts its test rows; warns on stderr when
  /// the L-BFGS fit stopped at --max-iter without converging.
  func run(_ inputs: ProbeInputs, context: ExecutionContext) -> ProbeProtocol.Run {
    defer { context.report(.finished) }
    let run = probeProtocol.run(train: inputs.train, trainLabels: inputs.trainLabels, test: inputs.test, context: context)
    if run.converged == false { warnNotConverged(fits: 1, unconverged: 1, gradientNorm: run.gradientNorm) }
    return run
  }

  /// The loud warning for fits that stopped at the iteration limit.
  func warnNotConverged(fits: Int, unconverged: Int, gradientNorm: Double? = nil) {
    let what = fits == 1 ? "the logreg probe" : "\(unconverged) of \(fits) logreg probe fits"
    let gradient = gradientNorm.map { " (max |gradient| \(Format.number($0)) > --tolerance \(Format.number(tolerance)))" } ?? ""
    StandardError.write(
      "ssl-quality: warning: \(what) stopped at --max-iter \(maxIter) without converging\(gradient); "
        + "its accuracy is not the optimum's: raise --max-iter\n")
  }

  /// The protocol, the knobs and how the fit ended, for the JSON of every command that
  /// fits a probe.
  func protocolJSON(_ run: ProbeProtocol.Run) -> JSONValue {
    .object(
      [("method", .string(method.rawValue))] + knobs + [
        ("iterations", run.iterations.map(JSONValue.integer) ?? .null),
        ("converged", run.converged.map(JSONValue.bool) ?? .null),
        ("gradient_norm", JSONValue.optional(run.gradientNorm)),
      ])
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

  /// The knobs the chosen method uses, for JSON output.
  var knobs: [(String, JSONValue)] {
    switch method {
    case .logreg:
      [("C", .number(inverseRegularization)), ("standardize", .bool(standardize)), ("tolerance", .number(tolerance)), ("max_iter", .integer(maxIter))]
    case .sgd:
      [("lr", .number(lr)), ("epochs", .integer(epochs)), ("batch_size", .integer(batchSize)), ("weight_decay", .number(weightDecay)),
       ("seed", .unsigned(seed)), ("standardize", .bool(standardize)), ("momentum", .number(0.9))]
    case .knn:
      [("k", .integer(k)), ("temperature", .number(temperature))]
    }
  }
}

/// Train/test inputs of a probe, loaded and checked against each other, with rows holding
/// NaN or Inf left out (a warning names the file, the count and the first rows) or refused
/// with `--strict`.
struct ProbeInputs {
  var train: Matrix
  var trainLabels: [Int]
  var test: Matrix
  /// Number of distinct train labels.
  var classes: Int
  /// Test rows left out for NaN or Inf (empty when every row is finite).
  var excludedTest: NonFiniteRows

  /// Loads the train split and checks `test` against it: same features, at least two
  /// classes, and (when `testLabels` is given) no test label unseen in training.
  /// `warnAboutTest: false` when the caller warns about the test rows itself.
  static func load(
    train: String, trainLabels: String, test: StoredMatrix, testLabels: [Int]?, testLabelsName: String?, strict: Bool,
    warnAboutTest: Bool = true, context: ExecutionContext
  ) throws -> ProbeInputs {
    let trainMatrix = try ArrayFile.open(train).matrix()
    var labels = try ArrayFile.open(trainLabels).labels(matchingRows: trainMatrix.rows, of: trainMatrix.array.name)
    guard trainMatrix.columns == test.columns else {
      throw InputError(test.array.name, "has \(test.columns) features but the train split \(trainMatrix.array.name) has \(trainMatrix.columns)")
    }
    var trainValues = trainMatrix.load(context: context)
    let badTrain = NonFiniteRows(trainValues)
    try badTrain.leaveOut(of: trainMatrix.array.name, strict: strict)
    trainValues = badTrain.removing(from: trainValues)
    labels = badTrain.removing(from: labels)
    guard trainValues.rows > 0 else { throw InputError(trainMatrix.array.name, "no row is free of NaN and Inf") }
    let encoding = LabelEncoding(labels)
    guard encoding.count >= 2 else {
      throw InputError(trainLabels, "the train split has a single class (\(encoding.classes.first.map(String.init) ?? "none")); a probe needs at least two")
    }
    let testValues = test.load(context: context)
    let badTest = NonFiniteRows(testValues)
    if warnAboutTest || strict { try badTest.leaveOut(of: test.array.name, strict: strict) }
    if let testLabels, let testLabelsName, case .failure(let unseen) = encoding.encode(badTest.removing(from: testLabels)) {
      let position = badTest.kept[unseen.position]
      throw InputError(testLabelsName, "label \(unseen.label) at index \(position) never occurs in the train labels \(trainLabels)")
    }
    return ProbeInputs(
      train: trainValues, trainLabels: labels, test: badTest.removing(from: testValues), classes: encoding.count, excludedTest: badTest)
  }
}

extension NonFiniteRows {
  /// Refuses the rows with `--strict`, otherwise warns that they are left out.
  ///
  /// - Throws: ``InputError`` naming `name` under `strict` when there are such rows.
  func leaveOut(of name: String, strict: Bool) throws {
    guard count > 0 else { return }
    if strict { throw InputError(name, "\(description); --strict rejects them") }
    StandardError.write("ssl-quality: warning: \(InputError.escaped(name)): \(description); they are left out\n")
  }
}
