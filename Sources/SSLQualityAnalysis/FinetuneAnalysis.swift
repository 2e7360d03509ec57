// ssl-quality · FinetuneAnalysis.swift — Q-Score-regularised fine-tuning of an adapter, and its before/after evaluation.

import Foundation
import SSLQuality
import SSLQualityFinetune
import SSLQualityIO
import SSLQualityReport

/// Fine-tunes a residual adapter on a frozen encoder's features of augmented views with an
/// SSL objective plus the Q-Score regulariser R (``FinetuneSession``: every run of the
/// request, each saving its checkpoint after every epoch), then applies each trained
/// adapter to the evaluation splits and measures the representation before and after
/// (``RepresentationEvaluation``; `Dset` by the one rule of ``DiscriminativeFit``:
/// `--discriminative-from`, passed through each adapter for its run, else the train
/// split, adapted likewise, else the evaluated split).
///
/// Apart from the checkpoints the analysis writes nothing: the trained models, adapted
/// splits, figure data and log records are in its ``FinetuneOutcome``, for the caller to
/// write (into the folders of ``layout``, which must exist).
public struct FinetuneAnalysis: Analysis {
  /// Two or more aligned `N × D` views of the same images (`path`, `path.npz:key`, …).
  public var views: [String]
  /// Optional un-augmented evaluation splits and their labels (labels need both splits).
  public var train: String?, trainLabels: String?, test: String?, testLabels: String?
  /// Fit the evaluation's `Dset` on this matrix (for each run, through its adapter).
  public var discriminativeFrom: String?
  /// A pretrained head (.safetensors in lightly's names) and the prefix removed from its names.
  public var head: String?, headPrefix = ""
  /// The knobs of the main run for inputs `features` wide (the widths' defaults follow D).
  public var settings: @Sendable (_ features: Int) -> FinetuneSettings
  /// One run per value (`λ1 = λ2 = λ`) instead of the main run.
  public var lambdas: [Double]?
  /// Also the same run with `λ1 = λ2 = 0`.
  public var control = false
  /// Output folder (checkpoints; the caller writes the rest there).
  public var out: String
  /// Continue each run from its checkpoint when there is one.
  public var resume = false
  /// Log records per training step instead of per epoch.
  public var logSteps = false

  public init(views: [String], out: String, settings: @escaping @Sendable (_ features: Int) -> FinetuneSettings) {
    self.views = views
    self.out = out
    self.settings = settings
  }

  /// Where the session's files go: its folders and every file.
  public var layout: FinetuneLayout { FinetuneLayout(out: out, lambdas: lambdas, control: control) }

  /// A run that would not fit in this machine's memory
  /// (``FinetuneSettings/memoryEstimate(features:views:)``); the caller names the width.
  public struct MemoryError: Error, Sendable {
    /// Bytes the run would need, and this machine's physical memory.
    public var needed: Double, available: UInt64
  }

  /// Loads and checks every input, refuses a run too large for memory before allocating
  /// it, trains, then evaluates.
  ///
  /// - Throws: ``InputError`` naming the file for unreadable, misaligned or non-finite
  ///   inputs, too few rows for one batch, a bad head or checkpoint; ``MemoryError``.
  public func run(context: ExecutionContext, notices: NoticeSink) throws -> FinetuneOutcome {
    let inputs = try loadInputs(context: context)
    let samples = inputs.views[0].rows, features = inputs.views[0].columns
    let settings = settings(features)
    guard samples >= settings.batchSize else {
      throw InputError(views[0], "has \(samples) rows, fewer than one batch (--batch-size \(settings.batchSize))")
    }
    let needed = settings.memoryEstimate(features: features, views: inputs.views.count)
    let available = ProcessInfo.processInfo.physicalMemory
    guard needed <= Double(available) else { throw MemoryError(needed: needed, available: available) }
    let headState = try head.map { try HeadFile.read($0, prefix: headPrefix, settings: settings, features: features) }
    let request = FinetuneRequest(
      settings: settings, lambdas: lambdas, control: control, out: out, resume: resume, head: headState, logSteps: logSteps)
    let trained = try FinetuneSession.run(views: inputs.views, request, context: context)

    let band = settings.band[0]...settings.band[1]
    let evaluatedName = test ?? train ?? ""
    func evaluate(_ matrix: Matrix?, name: String, train: Matrix?, dset: DiscriminativeFit) throws -> RepresentationEvaluation.Measurement? {
      guard let matrix else { return nil }
      return try RepresentationEvaluation.measure(
        evaluated: matrix, name: name, dset: dset, train: inputs.test == nil ? nil : train, trainLabels: inputs.trainLabels,
        testLabels: inputs.testLabels, epsilon: settings.epsilon, band: band, context: context)
    }
    let dset = try DiscriminativeFit.choose(
      discriminativeFrom: discriminativeFrom, train: train.flatMap { name in inputs.train.map { (name, $0) } }, analysed: evaluatedName, features: features)
    let before = try evaluate(inputs.test ?? inputs.train, name: evaluatedName, train: inputs.train, dset: dset)
    var runs: [FinetuneOutcome.Run] = []
    var measured: [RepresentationEvaluation.Measurement?] = []
    for run in trained {
      let adapter = run.model.adapter
      let adaptedTrain = context.blas { inputs.train.map { adapter.adapted($0) } }
      let adaptedTest = context.blas { inputs.test.map { adapter.adapted($0) } }
      let suffix = " through the \(run.label) adapter"
      let adaptedDset = context.blas { dset.mapped(suffix: suffix, analysed: evaluatedName + suffix, context: context) { adapter.adapted($0) } }
      let measurement = try evaluate(adaptedTest ?? adaptedTrain, name: evaluatedName + suffix, train: adaptedTrain, dset: adaptedDset)
      measured.append(measurement)
      let result = FinetuneRunResult(
        label: run.label, lambda1: run.settings.lambda1, lambda2: run.settings.lambda2, directory: run.directory,
        epochsCompleted: run.history.count, resumedAfterEpoch: run.resumedAfterEpoch, collapse: run.collapse, history: run.history,
        evaluation: measurement?.evaluation, trainingSeconds: run.trainingSeconds)
      runs.append(FinetuneOutcome.Run(run: run, result: result, train: adaptedTrain, test: adaptedTest))
    }
    let result = FinetuneResult(
      samples: samples, features: features, views: inputs.views.count, settings: settings, head: head, threads: context.threads,
      before: before?.evaluation, runs: runs.map(\.result),
      verdicts: FinetuneVerdict.all(runs: runs.map(\.result), measured: measured, before: before))
    let curves = runs.map(\.result.trainingCurve)
    // A sweep names every λ it ran (the legend tells the runs apart); otherwise the run with R's λ (the control's is 0).
    let lambdaText = lambdas.map { "λ1 = λ2 ∈ {\($0.map { "\($0)" }.joined(separator: ", "))}" }
      ?? "λ1 \(settings.lambda1), λ2 \(settings.lambda2)"
    let subtitle = "\(settings.objective.rawValue), \(inputs.views.count) views of \(samples) × \(features), "
      + "\(lambdaText), reduction \(settings.reduction.rawValue)"
    return FinetuneOutcome(result: result, runs: runs, curves: curves, subtitle: subtitle)
  }

  /// The views, splits and labels, each checked: views aligned, splits as wide as the
  /// views, labels one per row, every row finite.
  private func loadInputs(context: ExecutionContext) throws -> (views: [Matrix], train: Matrix?, trainLabels: [Int]?, test: Matrix?, testLabels: [Int]?) {
    var matrices: [Matrix] = []
    var first: (name: String, rows: Int, columns: Int)?
    for path in views {
      let stored = try ArrayFile.matrix(path)
      if let first, stored.rows != first.rows || stored.columns != first.columns {
        throw InputError(path, "has \(stored.rows) × \(stored.columns) features but \(first.name) has \(first.rows) × \(first.columns); views must be aligned")
      }
      if first == nil { first = (path, stored.rows, stored.columns) }
      matrices.append(try Self.finite(stored.load(context: context), path))
    }
    let d = matrices[0].columns
    func split(_ path: String?) throws -> Matrix? {
      guard let path else { return nil }
      let stored = try ArrayFile.matrix(path)
      guard stored.columns == d else { throw InputError(path, "has \(stored.columns) features but the views have \(d)") }
      return try Self.finite(stored.load(context: context), path)
    }
    let trainMatrix = try split(train), testMatrix = try split(test)
    func labels(_ path: String?, of split: Matrix?, named name: String?) throws -> [Int]? {
      guard let path else { return nil }
      guard let split, let name else { throw InputError(path, "labels need their split (--train with --train-labels, --test with --test-labels)") }
      return try ArrayFile.labels(path, matchingRows: split.rows, of: name)
    }
    return (
      matrices, trainMatrix, try labels(trainLabels, of: trainMatrix, named: train), testMatrix,
      try labels(testLabels, of: testMatrix, named: test)
    )
  }

  /// `matrix` when every row is finite. Fine-tuning refuses rows holding NaN or ±∞ (as
  /// `--strict` does elsewhere): its outputs are row for row its inputs, and a row left out
  /// would shift them.
  private static func finite(_ matrix: Matrix, _ path: String) throws -> Matrix {
    let rows = NonFiniteRows(matrix)
    guard rows.count == 0 else { throw InputError(path, NonFiniteRowCount(count: rows.count, first: rows.first).description) }
    return matrix
  }
}

/// What ``FinetuneAnalysis`` returns: the JSON document and everything the command writes
/// besides it — per run its trained model (adapter and head files), history and adapted
/// splits; the training curves of the loss figure; the log records.
public struct FinetuneOutcome: AnalysisOutcome {
  public var result: FinetuneResult
  public var runs: [Run]
  /// The loss figure's curves (one per run) and subtitle.
  public var curves: [Plots.TrainingCurve], subtitle: String

  /// One finished run and its adapted evaluation splits (`nil` when not given).
  public struct Run: Sendable {
    public var run: FinetuneRun
    public var result: FinetuneRunResult
    public var train: Matrix?, test: Matrix?
  }
}
