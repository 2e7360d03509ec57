// ssl-quality · CompressAnalysis.swift — linear accuracy against the number of kept features.

import Foundation
import SSLQuality
import SSLQualityIO

/// How far a representation can shrink without losing linear accuracy: the L-BFGS probe
/// fitted on the top fraction of features by the discriminative ranking (`Dset` fitted on
/// the train split, or on `--discriminative-from`: the one rule of ``DiscriminativeFit``),
/// by random rankings and by variance (``CompressionSweep``). The probe at fraction 1 is
/// the `probe` command's, to the last digit. With
/// ``keep`` there is no sweep: the probe is fitted on the kept features and on all of
/// them, and the kept columns of both splits are returned for writing.
public struct CompressAnalysis: Analysis {
  /// Train embeddings and labels, test embeddings and labels.
  public var train: String, trainLabels: String, test: String, testLabels: String
  public var probe: LogisticRegressionProbe
  public var fractions: [Double] = (1...10).map { Double($0) / 10 }
  /// Random rankings to average.
  public var seeds = 3
  public var epsilon = 4.0
  public var band: ClosedRange<Double> = 50...95
  /// Fit `Dset` on this matrix instead of the train split.
  public var discriminativeFrom: String?
  /// Start each probe from the previous fraction's solution.
  public var warmStart = false
  /// Keep this fraction (no sweep), the kept columns going to these three files (train,
  /// test, kept feature indices), as the result names them.
  public var keep: (fraction: Double, files: [String])?
  /// Refuse rows holding NaN or ±∞ instead of leaving them out.
  public var strict = false

  public init(train: String, trainLabels: String, test: String, testLabels: String, probe: LogisticRegressionProbe) {
    (self.train, self.trainLabels, self.test, self.testLabels) = (train, trainLabels, test, testLabels)
    self.probe = probe
  }

  /// The sweep, or the kept features.
  public enum Outcome: AnalysisOutcome {
    case sweep(CompressResult, points: [CompressionSweep.Point], trainShape: (rows: Int, columns: Int), testRows: Int)
    /// The result and the kept columns (ranking order) of both splits, and their indices.
    case keep(KeepResult, train: Matrix, test: Matrix, columns: [Int])

    /// The `compress --json` document of either.
    public var result: CompressDocument {
      switch self {
      case .sweep(let result, _, _, _): .sweep(result)
      case .keep(let result, _, _, _): .keep(result)
      }
    }
  }

  /// - Throws: ``InputError`` for unreadable or mismatched files.
  public func run(context: ExecutionContext, notices: NoticeSink) throws -> Outcome {
    let started = Date()
    let testMatrix = try ArrayFile.matrix(test)
    let allTruth = try ArrayFile.labels(testLabels, matchingRows: testMatrix.rows, of: testMatrix.array.name)
    let inputs = try ProbeInputs.load(
      train: train, trainLabels: trainLabels, test: testMatrix, testLabels: allTruth, testLabelsName: testLabels,
      nonFinite: NonFiniteRowPolicy(strict: strict, notices: notices), context: context)
    let truth = inputs.excludedTest.removing(from: allTruth)
    // The test split is the analysed matrix, though the rule never reaches it: compress always has a train split.
    let (discriminative, dsetSource) = try DiscriminativeFit.choose(
      discriminativeFrom: discriminativeFrom, train: (train, inputs.train), analysed: testMatrix.array.name, features: inputs.train.columns
    ).fit(
      epsilon: epsilon, band: band, strict: strict, context: context, notices: notices,
      analysed: ActivationProfile.measure(inputs.test, epsilon: epsilon, extremes: false, context: context))
    var sweep = CompressionSweep(fractions: fractions, seeds: seeds, probe: probe, discriminative: discriminative, train: inputs.train, context: context)
    sweep.warmStart = warmStart
    var warnings = AnalysisWarning.scoring(discriminativeCount: discriminative.count, empty: 0, samples: 0)
    var settings = CompressSettings(
      probe: ProbeSettings(.logisticRegression(probe)), epsilon: epsilon, band: [band.lowerBound, band.upperBound], seeds: seeds,
      fractions: sweep.fractions, warmStart: warmStart, excludedTestRows: inputs.excludedTest.count)
    if let keep {
      let columns = Array(discriminative.ranking.prefix(CompressionSweep.keptCount(keep.fraction, of: inputs.train.columns)))
      let correct = sweep.correctness(
        keeping: columns, train: inputs.train, trainLabels: inputs.trainLabels, test: inputs.test, testLabels: truth, context: context)
      let fullCorrect = sweep.correctness(
        keeping: Array(0..<inputs.train.columns), train: inputs.train, trainLabels: inputs.trainLabels, test: inputs.test, testLabels: truth, context: context)
      let full = ProbePredictions.accuracy(fullCorrect)
      warnings += AnalysisWarning.probe(accuracy: full, labels: ClassCounts(truth))
      let result = KeepResult(
        keep: .init(
          fraction: keep.fraction, kept: columns.count, features: inputs.train.columns, accuracy: ProbePredictions.accuracy(correct),
          accuracyInterval: .wilson(correct), againstFull: McNemarJSON(first: correct, second: fullCorrect), files: keep.files),
        fullAccuracy: full, fullAccuracyInterval: .wilson(fullCorrect),
        provenance: CompressProvenance(
          discriminativeCount: discriminative.count, dsetSource: dsetSource, warnings: warnings.map(\.reported), protocol: settings,
          seconds: Date().timeIntervalSince(started)))
      return .keep(
        result, train: CompressionSweep.select(inputs.train, columns: columns), test: CompressionSweep.select(inputs.test, columns: columns),
        columns: columns)
    }
    let (full, fullCorrect, points, convergence) = sweep.run(
      train: inputs.train, trainLabels: inputs.trainLabels, test: inputs.test, testLabels: truth, context: context)
    context.report(.finished)
    if convergence.unconverged > 0 {
      notices.send(
        .probeNotConverged(fits: convergence.fits, unconverged: convergence.unconverged, atFloor: convergence.atFloor, gradientNorm: nil))
    }
    settings.convergence = .init(
      fits: convergence.fits, unconvergedFits: convergence.unconverged, mostIterations: convergence.mostIterations,
      converged: convergence.unconverged == 0)
    warnings += AnalysisWarning.probe(accuracy: full, labels: ClassCounts(truth))
    let compressible = CompressionSweep.compressibleFraction(points, full: full)
    let result = CompressResult(
      fullAccuracy: full, fullCorrect: fullCorrect, curve: points.map { CompressResult.CurvePoint($0, fullCorrect: fullCorrect) },
      compressibleFraction: compressible?.fraction, gapToRandom: compressible.map { $0.discriminative - $0.randomMean },
      verdict: compressible.map { CompressResult.Verdict(CompressionVerdict($0, seeds: seeds, fullCorrect: fullCorrect)) },
      provenance: CompressProvenance(
        discriminativeCount: discriminative.count, dsetSource: dsetSource, warnings: warnings.map(\.reported), protocol: settings,
        seconds: Date().timeIntervalSince(started)))
    return .sweep(result, points: points, trainShape: (inputs.train.rows, inputs.train.columns), testRows: inputs.test.rows)
  }
}
