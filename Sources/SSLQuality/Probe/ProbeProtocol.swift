// ssl-quality · ProbeProtocol.swift — one entry point for the three evaluation protocols.

/// A linear-evaluation protocol: L-BFGS logistic regression, SGD, or weighted kNN.
public enum ProbeProtocol: Sendable {
  case logisticRegression(LogisticRegressionProbe)
  case sgd(SGDProbe)
  case knn(KNNClassifier)

  /// What a run reports besides its predictions.
  public struct Run: Sendable {
    public let predictions: ProbePredictions
    /// Optimisation facts (L-BFGS: iterations, converged, max |gradient|, objective; SGD:
    /// epochs and final mean loss; kNN: none).
    public let iterations: Int?
    public let converged: Bool?
    public let gradientNorm: Double?
    public let objective: Double?
    /// Objective evaluations (L-BFGS only).
    public var evaluations: Int? = nil
    /// Why L-BFGS stopped (L-BFGS only).
    public var stop: LBFGS.Stop? = nil
  }

  /// Fits on `train` (labels any integers) and predicts `test`, reporting the protocol's
  /// progress events to the context.
  public func run(train: Matrix, trainLabels: [Int], test: Matrix, context: ExecutionContext) -> Run {
    context.blas {
      switch self {
      case .logisticRegression(let probe):
        let (fit, predictions) = probe.fitAndPredict(train: train, labels: trainLabels, test: test, context: context)
        let o = fit.optimization
        return Run(
          predictions: predictions, iterations: o.iterations, converged: o.converged, gradientNorm: o.gradientNorm, objective: o.value,
          evaluations: o.evaluations, stop: o.stop)
      case .sgd(let probe):
        let (classifier, loss) = probe.fit(train, labels: trainLabels, context: context)
        let predictions = ProbePredictions(scores: classifier.probabilities(test, context: context), encoding: classifier.encoding)
        return Run(predictions: predictions, iterations: probe.epochs, converged: nil, gradientNorm: nil, objective: loss)
      case .knn(let knn):
        let (votes, encoding) = knn.votes(train: train, trainLabels: trainLabels, test: test, context: context)
        return Run(predictions: ProbePredictions(scores: votes, encoding: encoding), iterations: nil, converged: nil, gradientNorm: nil, objective: nil)
      }
    }
  }
}
