// ssl-quality · ReportAnalysis.swift — one HTML page bundling the analyses of one representation, or a comparison.

import Foundation
import SSLQuality
import SSLQualityIO
import SSLQualityReport

/// The report page (``HTMLReport``): the inputs (SHA-256, shape, dtype), every setting,
/// and the tables, figures and warnings of
/// - one representation: its spectrum, Q-Score and ε calibration (with labels and a probe's
///   predictions, how well Q predicts the probe's mistakes);
/// - several: their comparison (``CompareAnalysis``);
/// - and saved JSON results of earlier `score`, `probe`, `compress`, `finetune`,
///   `spectrum`, `calibrate` or `compare` runs (``SavedResult``), each table stating the
///   file, its SHA-256 and the command that wrote it.
///
/// `Dset` follows the one rule of ``DiscriminativeFit`` (`discriminativeFrom`, else the
/// train split, else the analysed matrix), and every section says where it came from.
public struct ReportAnalysis: Analysis {
  /// One representation, or several of the same samples.
  public var embeddings: [String]
  /// Names of several representations.
  public var names: [String]?
  /// One representation: its labels, a probe's predictions and class probabilities.
  public var labels: String?, predictions: String?, probabilities: String?
  /// Several representations: a train split each, train labels and test labels.
  public var train: [String] = [], trainLabels: String?, testLabels: String?
  /// Matrices to fit `Dset` on: one for one representation, one per representation for several.
  public var discriminativeFrom: [String] = []
  /// Saved JSON results to show.
  public var from: [String] = []
  public var epsilon = 4.0
  public var band: ClosedRange<Double> = 50...95
  public var alphaRange = SpectralMeasures.defaultAlphaRange
  public var fractions: [Double] = (1...10).map { Double($0) / 10 }
  /// The command line and the tool's version, as the page records them.
  public var command: String, toolVersion: String

  public init(embeddings: [String], command: String, toolVersion: String) {
    (self.embeddings, self.command, self.toolVersion) = (embeddings, command, toolVersion)
  }

  /// Computes every section and lays out the page.
  ///
  /// - Throws: ``InputError`` for unreadable or mismatched files and unrecognised saved results.
  public func run(context: ExecutionContext, notices: NoticeSink) throws -> HTMLReport {
    var page = HTMLReport(title: "ssl-quality report", toolVersion: toolVersion)
    page.settings = settings(threads: context.threads)
    let saved = try from.map(SavedResult.read)
    var sections = saved.map(ReportSection.saved)
    if embeddings.count == 1 {
      sections += try single(embeddings[0], context: context, notices: notices)
    } else if embeddings.count > 1 {
      var compare = CompareAnalysis(embeddings: embeddings)
      (compare.names, compare.train, compare.trainLabels, compare.testLabels) = (names, train, trainLabels, testLabels)
      compare.discriminativeFrom = discriminativeFrom
      (compare.epsilon, compare.band, compare.alphaRange, compare.fractions) = (epsilon, band, alphaRange, fractions)
      sections.append(.comparison(try compare.run(context: context, notices: notices)))
    }
    // The inputs' digests read every byte: taken after the analyses, which refuse an input
    // they cannot handle (a spectrum too large for memory) before reading it.
    let optional: [(String?, ArrayExpectation)] = [
      (labels, .labels()), (predictions, .labels()), (probabilities, .matrix), (trainLabels, .labels()), (testLabels, .labels()),
    ]
    var inputs = (embeddings + train + discriminativeFrom).map { ($0, ArrayExpectation.matrix) } + optional.compactMap { path, kind in path.map { ($0, kind) } }
    page.inputs = try inputs.map { try Self.describe($0.0, expecting: $0.1) }
    page.inputs += saved.map { HTMLReport.Input(path: $0.path, sha256: $0.sha256, shape: [], dtype: "\($0.document.command) result (JSON)") }
    for section in sections { ReportSections.add(section, to: &page) }
    return page
  }

  /// Spectrum, Q-Score and ε calibration of one representation.
  private func single(_ embeddings: String, context: ExecutionContext, notices: NoticeSink) throws -> [ReportSection] {
    var spectrum = SpectrumAnalysis(embeddings: embeddings)
    spectrum.alphaRange = alphaRange
    let spectral = try spectrum.run(context: context, notices: notices)
    var score = ScoreAnalysis(embeddings: embeddings)
    (score.epsilon, score.band, score.labels, score.predictions, score.probabilities) = (epsilon, band, labels, predictions, probabilities)
    score.discriminativeFrom = discriminativeFrom.first
    let scored = try score.run(context: context, notices: notices)
    var calibrate = CalibrateAnalysis(embeddings: embeddings)
    (calibrate.band, calibrate.labels, calibrate.predictions) = (band, labels, predictions)
    calibrate.discriminativeFrom = discriminativeFrom.first
    let calibration = try calibrate.run(context: context, notices: notices)
    let name = (spectral.source as NSString).lastPathComponent
    return [.spectrum(name: name, spectral.result), .score(name: name, scored), .calibration(name: name, calibration.result)]
  }

  /// The command line, and the settings of the analyses computed for the page (none
  /// when it only shows saved results, whose tables state their own).
  private func settings(threads: Int) -> [HTMLReport.Setting] {
    guard !embeddings.isEmpty else { return [.init("command", command)] }
    var list: [HTMLReport.Setting] = [
      .init("command", command),
      .init("epsilon (ε)", Format.number(epsilon)),
      .init("band (percentiles of non-zero A_j)", "\(Format.number(band.lowerBound)):\(Format.number(band.upperBound))"),
      .init("Q-Score normalisation", "none"),
      .init("Dset fitted on", dsetRule),
      .init("α-ReQ ranks", "\(alphaRange.lowerBound):\(alphaRange.upperBound)"),
      .init("threads", String(threads)),
    ]
    if embeddings.count > 1, trainLabels != nil {
      list += [
        .init("kNN", Self.describe(knn: ProbeSettings(.knn(KNNClassifier())))),
        .init("linear probe", Self.describe(linear: ProbeSettings(.logisticRegression(LogisticRegressionProbe())))),
        .init("compression fractions", fractions.map { Format.number($0) }.joined(separator: ",")),
        .init("compressible", "smallest kept fraction within 1 point of full accuracy"),
      ]
    }
    return list
  }

  /// Where `Dset` is fitted, by the one rule, as the page's settings describe it.
  private var dsetRule: String {
    if !discriminativeFrom.isEmpty { return discriminativeFrom.joined(separator: ", ") + " (--discriminative-from)" }
    if !train.isEmpty { return "each representation's --train split" }
    return "the analysed matrix itself"
  }

  /// The comparison's kNN probe as the page's settings describe it.
  private static func describe(knn settings: ProbeSettings) -> String {
    "k \(settings.k ?? 0), temperature \(Format.number(settings.temperature ?? .nan)), cosine, weighted vote"
  }

  /// The comparison's linear probe as the page's settings describe it.
  private static func describe(linear settings: ProbeSettings) -> String {
    let standardized = settings.standardize == true ? "standardised" : "not standardised"
    return "L-BFGS logistic regression, C \(Format.number(settings.c ?? .nan)), \(standardized), "
      + "tolerance \(Format.number(settings.tolerance ?? .nan)), at most \(settings.maxIter ?? 0) iterations"
  }

  /// An input array for the page: SHA-256 of the file, and shape and dtype of the array,
  /// checked against `expected` from its header.
  static func describe(_ argument: String, expecting expected: ArrayExpectation) throws -> HTMLReport.Input {
    let path = ArrayFile.split(argument).path
    let digest = try FileDigest.sha256(path: path)
    let array = try ArrayFile.open(argument, expecting: expected)
    return HTMLReport.Input(path: argument, sha256: digest, shape: array.layout.shape, dtype: array.layout.dtype)
  }
}

/// The report's outcome is its page, whose content (inputs, settings, tables, figures,
/// warnings) is also its result.
extension HTMLReport: AnalysisOutcome {
  public var result: HTMLReport { self }
}
