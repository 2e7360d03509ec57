// ssl-quality · ScoreAnalysis.swift — Q-Scores of an embeddings file and how well they predict a probe's mistakes.

import Foundation
import SSLQuality
import SSLQualityIO

/// Scores every sample of an embeddings file (``QScores``) from one pass, with `Dset`
/// fitted by the one rule of ``DiscriminativeFit``, and — given labels and a probe's
/// predictions, or a train split to fit a probe on — how well Q and the baselines `msp`,
/// `l1` and `max_z` predict the probe's mistakes (``MisclassificationReport``), each figure
/// with its 95% interval (Wilson, DeLong, the seeded stratified bootstrap of ``resamples``),
/// and whether Q ranks them better or worse than the best label-free baseline
/// (``ScoreComparison``).
public struct ScoreAnalysis: Analysis {
  /// Embeddings to score: `path`, `path.npz:key`, `path.safetensors:name` or `path.pth:key`.
  public var embeddings: String
  /// ε of the highly-activating rule `h_ij > μ_i + ε σ_i`.
  public var epsilon = 4.0
  /// Percentile band of non-zero activation frequencies kept as discriminative.
  public var band: ClosedRange<Double> = 50...95
  public var normalization = QScoreNormalization.none
  /// Fit `Dset` on this matrix (default: `train` when given, else `embeddings`).
  public var discriminativeFrom: String?
  /// Labels of the scored rows, and a probe's predictions for them (with its class
  /// probabilities, for the `msp` baseline).
  public var labels: String?, predictions: String?, probabilities: String?
  /// Or: a train split to fit `probe` on, predicting the scored rows.
  public var train: String?, trainLabels: String?
  public var probe: ProbeProtocol = .logisticRegression(LogisticRegressionProbe())
  /// Sample ids, one per line in row order.
  public var ids: String?
  /// List the `lowest` lowest-Q samples in the result (ties by the lower `max_z`, then row).
  public var lowest: Int?
  /// Replicates of the stratified bootstrap behind the AUPRCs' intervals (0: none) and its
  /// seed.
  public var resamples = ScoreAnalysis.defaultResamples
  public var bootstrapSeed: UInt64 = 0
  /// The default number of bootstrap replicates.
  public static let defaultResamples = 1000
  /// Collect the per-sample table (``Outcome/table``).
  public var collectTable = false
  /// Refuse rows holding NaN or ±∞ instead of leaving them out.
  public var strict = false

  public init(embeddings: String) { self.embeddings = embeddings }

  /// The result and what writing the other outputs needs.
  public struct Outcome: AnalysisOutcome {
    public var result: ScoreResult
    /// The scored file's name.
    public var source: String
    /// `Q_i` in input order (NaN for rows left out).
    public var q: [Double]
    public var discriminative: DiscriminativeFeatures
    /// The probe's labels, predictions and correctness per row, when known.
    public var probeOutcome: ProbeOutcome?
    /// The misclassification metrics with their precision-recall curves.
    public var misclassification: MisclassificationReport?
    /// The `--ids` lines, when given.
    public var sampleIDs: [String]?
    /// The per-sample table, with ``collectTable`` or ``lowest``.
    public var table: SampleTable?

    /// The share of `Q = 0` and the histogram of `Q > 0`, split by the probe's correct and
    /// wrong predictions when known (what the figure shows).
    public var distribution: QScoreDistribution
  }

  /// Runs the analysis; progress goes to the context, notices to `notices`.
  ///
  /// - Throws: ``InputError`` for unreadable or mismatched files, or rows holding NaN or
  ///   ±∞ with ``strict``.
  public func run(context: ExecutionContext, notices: NoticeSink) throws -> Outcome {
    let started = Date()
    let policy = NonFiniteRowPolicy(strict: strict, notices: notices)
    let source = try ArrayFile.matrix(embeddings)
    let sampleIDs = try ids.map { try SampleIDs.read($0, rows: source.rows, of: source.array.name) }
    let trainInputs = try train.map { train in
      // Rows of EMB holding NaN or Inf are left out of the probe and of every metric (or
      // refused with strict); the pass below reports them once.
      try ProbeInputs.load(
        train: train, trainLabels: trainLabels ?? "", test: source, testLabels: nil, testLabelsName: nil, nonFinite: policy,
        noticeTest: false, context: context)
    }
    let (outcome, probeRun) = try probeOutcome(source, trainInputs: trainInputs, context: context, notices: notices)
    // The largest z-score (a row's largest entry) is a baseline of the mistake prediction
    // and a column of the per-sample table; otherwise the pass skips the rows' extremes.
    let tabulated = collectTable || lowest != nil
    // With a train split the scored matrix is already in memory: the pass reads it there.
    let profile = try trainInputs.map { inputs in
      try ActivationPass.run(
        inputs.givenTest, name: source.array.name, epsilon: epsilon, extremes: outcome != nil || tabulated, strict: strict, context: context,
        notices: notices)
    } ?? ActivationPass.run(source, epsilon: epsilon, extremes: outcome != nil || tabulated, strict: strict, context: context, notices: notices)
    let (discriminative, dsetSource) = try DiscriminativeFit.choose(
      discriminativeFrom: discriminativeFrom, train: trainInputs.flatMap { inputs in train.map { ($0, inputs.train) } },
      analysed: source.array.name, features: profile.features
    ).fit(epsilon: epsilon, band: band, strict: strict, context: context, notices: notices, analysed: profile)
    let q = QScores(profile: profile, discriminative: discriminative, normalization: normalization, context: context)
    var misclassification: MisclassificationReport?, comparison: ScoreComparison?
    var warnings = AnalysisWarning.scoring(discriminativeCount: discriminative.count, empty: q.emptyCount, samples: profile.finiteSamples)
    if let outcome {
      // Rows left out for NaN or Inf (Q is NaN) count in no metric, accuracy included.
      let kept = q.values.indices.filter { !q.values[$0].isNaN }
      var scores: [MistakeScore: [Double]] = [.q: q.values, .l1: profile.l1Norm, .maxZ: profile.maxZ]
      if let msp = outcome.maximumProbability { scores[.msp] = msp }
      let keptCorrect = kept.map { outcome.correct[$0] }, keptScores = scores.mapValues { values in kept.map { values[$0] } }
      let report = MisclassificationReport(correct: keptCorrect, scores: keptScores, bootstrap: bootstrap, context: context)
      misclassification = report
      comparison = ScoreComparison(correct: keptCorrect, scores: keptScores)
      warnings += AnalysisWarning.probe(accuracy: report.accuracy, labels: ClassCounts(kept.map { outcome.labels[$0] }))
      if q.emptyCount < profile.finiteSamples, let metrics = report.scores.first(where: { $0.score == .q }) {
        warnings += AnalysisWarning.prediction(auprcCorrect: metrics.auprcCorrect, auroc: metrics.auroc, accuracy: report.accuracy)
      }
    }
    let table = tabulated
      ? SampleTable(
        ids: sampleIDs,
        scores: SampleScores(
          profile: profile, discriminative: discriminative, scores: q, normalization: normalization, msp: outcome?.maximumProbability,
          context: context),
        outcome: outcome)
      : nil
    let lowestEntries = table.flatMap { table in lowest.map { SampleScores.lowest($0, of: q.values, tieBreak: profile.maxZ).map { table.entry($0, q: q.values[$0]) } } }
    let result = ScoreResult(
      samples: profile.samples, features: profile.features, epsilon: profile.epsilon,
      band: [discriminative.band.lowerBound, discriminative.band.upperBound], normalize: normalization.rawValue,
      discriminativeFrom: discriminativeFrom, dsetSource: dsetSource, thresholds: discriminative.thresholds.map { [$0.low, $0.high] },
      discriminativeCount: discriminative.count, emptyCount: q.emptyCount, finiteSamples: profile.finiteSamples,
      q: ScoreResult.Distribution(Summary(q.values)), sanity: ScoreResult.Sanity(profile.sanity),
      misclassification: misclassification.map {
        ScoreResult.Misclassification($0, bootstrap: bootstrap, comparison: comparison, probe: probeRun.map { FittedProbe(settings: ProbeSettings(probe), fit: ProbeFit($0)) })
      },
      warnings: warnings.map(\.reported), lowest: lowestEntries, seconds: Date().timeIntervalSince(started))
    return Outcome(
      result: result, source: source.array.name, q: q.values, discriminative: discriminative, probeOutcome: outcome,
      misclassification: misclassification, sampleIDs: sampleIDs, table: table,
      distribution: QScoreDistribution(q: q.values, correct: outcome?.correct))
  }

  /// The bootstrap of the AUPRCs, `nil` with no resamples.
  private var bootstrap: StratifiedBootstrap? {
    resamples > 0 ? StratifiedBootstrap(resamples: resamples, seed: bootstrapSeed) : nil
  }

  /// Correctness of a probe on the scored rows: from the given predictions, or from a probe
  /// fitted on `train` (then also that fit's run; rows left out for NaN or ±∞ are misses
  /// without a score).
  private func probeOutcome(
    _ source: StoredMatrix, trainInputs: ProbeInputs?, context: ExecutionContext, notices: NoticeSink
  ) throws -> (ProbeOutcome?, ProbeProtocol.Run?) {
    guard let trainInputs, let labels else {
      return (try ProbeOutcome.read(labels: labels, predictions: predictions, probabilities: probabilities, rows: source.rows, of: source.array.name), nil)
    }
    let truth = try ArrayFile.labels(labels, matchingRows: source.rows, of: source.array.name)
    let run = ProbeRun.fit(probe, trainInputs, context: context, notices: notices)
    let outcome = ProbeOutcome(predictions: run.predictions, truth: trainInputs.excludedTest.removing(from: truth))
    return (outcome.expanded(truth: truth, kept: trainInputs.excludedTest.kept), run)
  }
}
