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

  @Option(name: .customLong("C"), help: "logreg: inverse L2 strength.")
  var inverseRegularization: Double = 1

  @Flag(inversion: .prefixedNo, help: "logreg/sgd: standardise features with the train split's mean and std.")
  var standardize = true

  @Option(help: "logreg: stop when the largest gradient component is at most this.")
  var tolerance: Double = 1e-4

  @Option(help: "logreg: L-BFGS iteration limit.")
  var maxIter: Int = 100

  @Option(help: "sgd: base learning rate (cosine schedule per epoch).")
  var lr: Double = 0.1

  @Option(help: "sgd: epochs.")
  var epochs: Int = 100

  @Option(help: "sgd: mini-batch size.")
  var batchSize: Int = 256

  @Option(help: "sgd: weight decay.")
  var weightDecay: Double = 0

  @Option(help: "sgd: random seed (initialisation and shuffling).")
  var seed: UInt64 = 0

  @Option(help: "knn: neighbours.")
  var k: Int = 20

  @Option(help: "knn: temperature T of the vote weights exp(sim / T).")
  var temperature: Double = 0.07

  mutating func validate() throws {
    guard inverseRegularization > 0, inverseRegularization.isFinite else { throw ValidationError("--C must be a positive number") }
    guard tolerance > 0 else { throw ValidationError("--tolerance must be positive") }
    guard maxIter >= 1, epochs >= 1, batchSize >= 1, k >= 1 else {
      throw ValidationError("--max-iter, --epochs, --batch-size and --k must be at least 1")
    }
    guard lr > 0, weightDecay >= 0, temperature > 0 else {
      throw ValidationError("--lr and --temperature must be positive, --weight-decay non-negative")
    }
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

  /// Fits the chosen protocol on `inputs` and predicts its test rows.
  func run(_ inputs: ProbeInputs, context: ExecutionContext) -> ProbeProtocol.Run {
    defer { context.report(.finished) }
    return probeProtocol.run(train: inputs.train, trainLabels: inputs.trainLabels, test: inputs.test, context: context)
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

/// Train/test inputs of a probe, loaded and checked against each other.
struct ProbeInputs {
  var train: Matrix
  var trainLabels: [Int]
  var test: Matrix
  /// Number of distinct train labels.
  var classes: Int

  /// Loads the train split and checks `test` against it: same features, at least two
  /// classes, and (when `testLabels` is given) no test label unseen in training.
  static func load(
    train: String, trainLabels: String, test: StoredMatrix, testLabels: [Int]?, testLabelsName: String?, context: ExecutionContext
  ) throws -> ProbeInputs {
    let trainMatrix = try ArrayFile.open(train).matrix()
    let labels = try ArrayFile.open(trainLabels).labels(matchingRows: trainMatrix.rows, of: trainMatrix.array.name)
    guard trainMatrix.columns == test.columns else {
      throw InputError(test.array.name, "has \(test.columns) features but the train split \(trainMatrix.array.name) has \(trainMatrix.columns)")
    }
    let encoding = LabelEncoding(labels)
    guard encoding.count >= 2 else {
      throw InputError(trainLabels, "the train split has a single class (\(encoding.classes.first.map(String.init) ?? "none")); a probe needs at least two")
    }
    if let testLabels, let testLabelsName, case .failure(let unseen) = encoding.encode(testLabels) {
      throw InputError(testLabelsName, "label \(unseen.label) at index \(unseen.position) never occurs in the train labels \(trainLabels)")
    }
    return ProbeInputs(train: trainMatrix.load(context: context), trainLabels: labels, test: test.load(context: context), classes: encoding.count)
  }
}
