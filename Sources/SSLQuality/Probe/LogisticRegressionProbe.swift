// ssl-quality · LogisticRegressionProbe.swift — the L-BFGS linear probe (scikit-learn's protocol).

/// Multinomial logistic regression with the objective of scikit-learn's
/// `LogisticRegression(solver="lbfgs")` (see ``SoftmaxObjective``), minimised by ``LBFGS``,
/// optionally on features standardised with statistics of the train split.
public struct LogisticRegressionProbe: Sendable {
  /// Inverse L2 strength `C` (scikit-learn's default 1).
  public var inverseRegularization = 1.0
  /// Standardise features with the train split's mean and standard deviation.
  public var standardize = true
  /// Stopping rule and iteration budget (scikit-learn: `tol=1e-4`, `max_iter=100`).
  public var optimizer = LBFGS()

  public init() {}

  /// A fit: the classifier and how the optimisation ended.
  public struct Fit: Sendable {
    public let classifier: LinearClassifier
    public let optimization: LBFGS.Result
  }

  /// Fits on `train` with `labels` (any integers); `warmStart` continues from an earlier
  /// solution with the same classes and features. Reports
  /// ``ProgressEvent/optimizerIteration(iteration:objective:gradientNorm:)`` per iteration.
  ///
  /// - Precondition: at least two classes; one label per row.
  public func fit(
    _ train: Matrix, labels: [Int], warmStart: [Double]? = nil, context: ExecutionContext
  ) -> Fit {
    let set = ProbeTrainingSet(train, labels: labels, standardize: standardize, onTheFly: true, context: context)
    let objective = SoftmaxObjective(
      features: set.features, targets: set.targets, classes: set.encoding.count, inverseRegularization: inverseRegularization,
      standardization: set.standardizesOnTheFly ? set.standardizer : nil)
    let start = warmStart.flatMap { $0.count == objective.parameterCount ? $0 : nil }
      ?? [Double](repeating: 0, count: objective.parameterCount)
    let progress = { (iteration: Int, value: Double, gradient: Double) in
      context.report(.optimizerIteration(iteration: iteration, objective: value, gradientNorm: gradient))
    }
    let result: LBFGS.Result
    if Self.fitsLineSearch(objective) {
      result = optimizer.minimize(from: start, objective: SoftmaxLineObjective(objective, context: context), iterationDone: progress)
    } else {
      result = optimizer.minimize(from: start, objective: { objective.evaluate($0, context: context) }, iterationDone: progress)
    }
    let classifier = LinearClassifier(
      encoding: set.encoding, standardizer: set.standardizer, parameters: result.solution, features: train.columns)
    return Fit(classifier: classifier, optimization: result)
  }

  /// Fits on `train` with `labels` and predicts `test`: the one fit-and-predict of the
  /// L-BFGS probe wherever it is used (`probe`, `score --train`, `calibrate --train`,
  /// `compress`, `compare`, `finetune`'s evaluation), so the same rows and settings give
  /// the same predictions to the last bit.
  public func fitAndPredict(
    train: Matrix, labels: [Int], test: Matrix, warmStart: [Double]? = nil, context: ExecutionContext
  ) -> (fit: Fit, predictions: ProbePredictions) {
    let fit = fit(train, labels: labels, warmStart: warmStart, context: context)
    return (fit, ProbePredictions(scores: fit.classifier.probabilities(test, context: context), encoding: fit.classifier.encoding))
  }

  /// Whether the caches of ``SoftmaxLineObjective`` (three `n × K` float matrices) stay
  /// within half the features' own size and 4 GB; otherwise every trial step is a full
  /// evaluation, with memory independent of `n`.
  static func fitsLineSearch(_ objective: SoftmaxObjective) -> Bool {
    let extra = SoftmaxLineObjective.extraBytes(rows: objective.features.rows, classes: objective.classes)
    return extra <= objective.features.count * MemoryLayout<Float>.stride / 2 && extra <= 4 << 30
  }
}
