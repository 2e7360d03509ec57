// ssl-quality · Compression.swift — linear accuracy of representations cut to their top features.

/// How linear accuracy falls as a representation keeps fewer features: for each kept
/// fraction `k`, a probe is trained on the first `⌈k·D⌋`
/// features of a ranking and evaluated on the test split, for three rankings fitted on the
/// train split only — discriminative (``DiscriminativeFeatures/ranking``), random
/// permutations (several seeds) and highest variance first.
///
/// Every fit is the probe's own (``LogisticRegressionProbe/fitAndPredict(train:labels:test:warmStart:context:)``,
/// standardisation included, with the statistics of the kept columns of the train split),
/// so at fraction 1 the sweep's accuracy is the `probe` command's to the last digit. An
/// earlier sweep standardised a `Float` copy of the whole split once and fitted
/// unstandardised probes on its columns, while `probe` standardises on the fly: the two
/// optima differed in the last digits and flipped borderline test samples (83.00% against
/// 83.20% on one 512-d encoder). Kept columns are gathered into a reused buffer in
/// ascending index order, so a fit depends only on the set of kept features, not on the
/// ranking that chose them (floating-point sums in another order would give another
/// optimum to the last digits). Each distinct set is fitted once: at fraction 1 every
/// ranking shares one fit, which is also the full representation's. Each probe starts from
/// zero, like scikit-learn's; with ``warmStart`` it starts from the previous fraction's
/// solution of the same ranking (the kept sets are nested; the parameters of both fits
/// act on standardised features). Warm starts are off by default: on a flat objective the stopping
/// rule (largest gradient component ≤ tolerance) can already hold at the warm point, and the
/// fit then stops far from where a cold start ends (seen on 100-class data: 29% instead of
/// 64% accuracy).
public struct CompressionSweep: Sendable {
  /// One ranking's accuracy at one fraction, and per test sample whether each ranking's
  /// probe was right (for paired tests on the same samples, ``McNemarTest``).
  public struct Point: Sendable {
    public let fraction: Double
    public let kept: Int
    public let discriminative: Double
    public let randomMean: Double, randomStd: Double
    public let variance: Double
    /// Per test sample: the discriminative and variance rankings' probes right, and each
    /// random seed's (one array per seed, in seed order); empty for a point read back from
    /// a saved result.
    public let discriminativeCorrect: [Bool], varianceCorrect: [Bool], randomCorrect: [[Bool]]

    public init(
      fraction: Double, kept: Int, discriminative: Double, randomMean: Double, randomStd: Double, variance: Double,
      discriminativeCorrect: [Bool] = [], varianceCorrect: [Bool] = [], randomCorrect: [[Bool]] = []
    ) {
      (self.fraction, self.kept, self.discriminative) = (fraction, kept, discriminative)
      (self.randomMean, self.randomStd, self.variance) = (randomMean, randomStd, variance)
      (self.discriminativeCorrect, self.varianceCorrect, self.randomCorrect) = (discriminativeCorrect, varianceCorrect, randomCorrect)
    }
  }

  /// How the sweep's probe fits ended: how many there were, how many stopped without
  /// meeting the stopping rule (of them, how many with the gradient at its floating-point
  /// floor rather than at the iteration limit), and the most iterations one took.
  public struct Convergence: Sendable, Equatable {
    public var fits = 0, unconverged = 0, atFloor = 0, mostIterations = 0

    public init() {}

    mutating func add(_ result: LBFGS.Result) {
      fits += 1
      unconverged += result.converged ? 0 : 1
      atFloor += result.stop == .gradientFloor ? 1 : 0
      mostIterations = max(mostIterations, result.iterations)
    }
  }

  public let fractions: [Double]
  public let seeds: Int
  public let probe: LogisticRegressionProbe
  public let discriminative: DiscriminativeFeatures
  /// Features by the train split's population standard deviation, largest first (ties
  /// by index).
  public let varianceRanking: [Int]
  /// Start each fit from the previous fraction's solution (see above).
  public var warmStart = false

  /// Sets up a sweep; `discriminative` must be fitted on the train split.
  ///
  /// - Precondition: fractions in (0, 1].
  public init(
    fractions: [Double], seeds: Int, probe: LogisticRegressionProbe, discriminative: DiscriminativeFeatures, train: Matrix,
    context: ExecutionContext
  ) {
    precondition(fractions.allSatisfy { $0 > 0 && $0 <= 1 }, "fractions must lie in (0, 1]")
    self.fractions = fractions.sorted()
    self.seeds = seeds
    self.probe = probe
    self.discriminative = discriminative
    let scale = Standardizer(fitting: train, context: context).scale
    varianceRanking = scale.indices.sorted { scale[$0] != scale[$1] ? scale[$0] > scale[$1] : $0 < $1 }
  }

  /// Features kept at `fraction` of `features` (rounded, at least one).
  public static func keptCount(_ fraction: Double, of features: Int) -> Int {
    min(features, max(1, Int((fraction * Double(features)).rounded())))
  }

  /// The random ranking of seed `seed`.
  public static func randomRanking(features: Int, seed: UInt64) -> [Int] {
    var generator = SeededGenerator(seed: seed)
    var order = Array(0..<features)
    generator.shuffle(&order)
    return order
  }

  /// Runs the sweep on the train split the sweep was set up with; reports
  /// ``ProgressEvent/probeFitted(ranking:kept:features:accuracy:done:total:)`` per probe.
  /// `full` is the probe's accuracy on every feature and `fullCorrect` its per-sample
  /// correctness.
  public func run(train: Matrix, trainLabels: [Int], test: Matrix, testLabels: [Int], context: ExecutionContext)
    -> (full: Double, fullCorrect: [Bool], points: [Point], convergence: Convergence)
  {
    var convergence = Convergence()
    precondition(train.columns == varianceRanking.count, "sweep set up on a different train split")
    let classes = LabelEncoding(trainLabels).count
    let total = fractions.count * (2 + seeds)
    var done = 0
    let d = train.columns
    var trainBuffer = Matrix(rows: train.rows, columns: d), testBuffer = Matrix(rows: test.rows, columns: d)
    /// Per-sample correctness of each distinct kept set (ascending indices) fitted so far.
    var fitted: [[Int]: [Bool]] = [:]
    func accuracies(_ ranking: [Int], name: String) -> [[Bool]] {
      var warm: (parameters: [Double], columns: [Int])? = nil
      return fractions.map { fraction in
        let kept = Self.keptCount(fraction, of: d)
        let columns = ranking.prefix(kept).sorted()
        if let correct = fitted[columns] {
          warm = nil
          done += 1
          context.report(.probeFitted(ranking: name, kept: kept, features: d, accuracy: ProbePredictions.accuracy(correct), done: done, total: total))
          return correct
        }
        // All columns are the splits themselves, not copies.
        let all = columns.count == d
        let trainSubset = all ? train : train.gatherColumns(columns, into: &trainBuffer)
        let testSubset = all ? test : test.gatherColumns(columns, into: &testBuffer)
        let start = warmStart ? warm.map { Self.widen($0.parameters, classes: classes, from: $0.columns, to: columns) } : nil
        let (fit, predictions) = probe.fitAndPredict(
          train: trainSubset, labels: trainLabels, test: testSubset, warmStart: start, context: context.reporting(to: .silent))
        convergence.add(fit.optimization)
        warm = (fit.classifier.parameters, columns)
        let correct = predictions.correctness(testLabels)
        fitted[columns] = correct
        done += 1
        context.report(.probeFitted(ranking: name, kept: kept, features: d, accuracy: ProbePredictions.accuracy(correct), done: done, total: total))
        return correct
      }
    }
    let discriminativeCurve = accuracies(discriminative.ranking, name: "discriminative")
    let varianceCurve = accuracies(varianceRanking, name: "variance")
    let randomCurves = (0..<seeds).map { accuracies(Self.randomRanking(features: d, seed: UInt64($0)), name: "random seed \($0)") }
    let fullCorrect = fitted[Array(0..<d)] ?? {
      let (fit, predictions) = probe.fitAndPredict(train: train, labels: trainLabels, test: test, context: context.reporting(to: .silent))
      convergence.add(fit.optimization)
      return predictions.correctness(testLabels)
    }()
    let points = fractions.indices.map { index in
      // Equal accuracies (the same kept set, as at fraction 1) give exactly their value and a zero std.
      let (mean, std) = Summary.meanAndStd(randomCurves.map { ProbePredictions.accuracy($0[index]) })
      return Point(
        fraction: fractions[index], kept: Self.keptCount(fractions[index], of: d), discriminative: ProbePredictions.accuracy(discriminativeCurve[index]),
        randomMean: mean, randomStd: std, variance: ProbePredictions.accuracy(varianceCurve[index]), discriminativeCorrect: discriminativeCurve[index],
        varianceCorrect: varianceCurve[index], randomCorrect: randomCurves.map { $0[index] })
    }
    return (ProbePredictions.accuracy(fullCorrect), fullCorrect, points, convergence)
  }

  /// The smallest fraction whose discriminative accuracy is within `tolerance` of `full`.
  public static func compressibleFraction(_ points: [Point], full: Double, tolerance: Double = 0.01) -> Point? {
    points.first { $0.discriminative >= full - tolerance }
  }

  /// Columns `columns` of `source`, in that order, as a new matrix.
  public static func select(_ source: Matrix, columns: [Int]) -> Matrix {
    var buffer = Matrix(rows: source.rows, columns: columns.count)
    return source.gatherColumns(columns, into: &buffer)
  }

  /// Parameters fitted on the columns `from` carried over to the columns `to` (both
  /// ascending): a feature in both keeps its weights, a new one starts at zero, the
  /// intercepts are kept.
  static func widen(_ theta: [Double], classes: Int, from: [Int], to: [Int]) -> [Double] {
    let previous = Dictionary(uniqueKeysWithValues: from.enumerated().map { ($0.element, $0.offset) })
    let a = from.count, b = to.count
    var wider = [Double](repeating: 0, count: classes * b + classes)
    for c in 0..<classes {
      for (k, j) in to.enumerated() { if let old = previous[j] { wider[c * b + k] = theta[c * a + old] } }
      wider[classes * b + c] = theta[classes * a + c]
    }
    return wider
  }

  /// Per test sample, whether the probe on the columns `columns` alone (fitted in ascending
  /// index order, as in the sweep) is right: what `--keep` reports without running the sweep.
  public func correctness(keeping columns: [Int], train: Matrix, trainLabels: [Int], test: Matrix, testLabels: [Int], context: ExecutionContext)
    -> [Bool]
  {
    let sorted = columns.sorted(), all = sorted == Array(0..<train.columns)
    let trainSubset = all ? train : Self.select(train, columns: sorted), testSubset = all ? test : Self.select(test, columns: sorted)
    return probe.fitAndPredict(train: trainSubset, labels: trainLabels, test: testSubset, context: context.reporting(to: .silent))
      .predictions.correctness(testLabels)
  }
}
