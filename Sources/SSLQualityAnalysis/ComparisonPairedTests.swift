// ssl-quality · ComparisonPairedTests.swift — representations of the same test samples, each against a baseline.

import SSLQuality

/// `compare`'s paired part (with labels): every representation's probe accuracy and kNN
/// accuracy with their Wilson intervals and Q's AUROC with DeLong's interval, and each
/// representation other than the baseline tested against it on the same test samples:
///
/// - **linear-probe accuracy**: McNemar's exact test and the paired interval of the
///   difference (``McNemarJSON``, first = the representation, second = the baseline);
/// - **Q's AUROC**: DeLong's paired test (``PairedDeLongJSON``). Each representation's Q
///   predicts the mistakes of its *own* probe, so the two AUROCs of the table rank
///   different positives and are not paired. The paired test is therefore taken on the
///   samples both probes judge alike — both right (positives) or both wrong (negatives) —
///   where the two Q-Scores rank the same samples against the same outcome. Its two
///   AUROCs are those of that subset, not the table's.
public struct ComparisonPairedTests: Codable, Sendable, Equatable {
  /// The representation every other is compared with (the first, or `--baseline`).
  public var baseline: String
  /// Test samples every figure is measured on.
  public var samples: Int
  public var representations: [Entry]

  enum CodingKeys: String, OrderedCodingKey {
    case baseline, samples, representations
  }

  /// One representation's intervals and its tests against the baseline (`null` for the
  /// baseline itself).
  public struct Entry: Codable, Sendable, Equatable {
    public var name: String
    @NullWhenAbsent public var probeAccuracy: Double?
    @NullWhenAbsent public var probeAccuracyInterval: IntervalJSON?
    @NullWhenAbsent public var knnAccuracy: Double?
    @NullWhenAbsent public var knnAccuracyInterval: IntervalJSON?
    @NullWhenAbsent public var qAuroc: Double?
    @NullWhenAbsent public var qAurocInterval: IntervalJSON?
    @NullWhenAbsent public var probeAccuracyVsBaseline: McNemarJSON? = nil
    @NullWhenAbsent public var qAurocVsBaseline: PairedDeLongJSON? = nil

    enum CodingKeys: String, OrderedCodingKey {
      case name, probeAccuracy = "probe_accuracy", probeAccuracyInterval = "probe_accuracy_interval", knnAccuracy = "knn_accuracy"
      case knnAccuracyInterval = "knn_accuracy_interval", qAuroc = "q_auroc", qAurocInterval = "q_auroc_interval"
      case probeAccuracyVsBaseline = "probe_accuracy_vs_baseline", qAurocVsBaseline = "q_auroc_vs_baseline"
    }
  }

  /// The tests of `measured` (named `names`, in the same order) against `measured[baseline]`;
  /// `nil` when the baseline has no probe (no labels).
  init?(names: [String], measured: [RepresentationEvaluation.Measurement], baseline: Int) {
    guard let reference = measured[baseline].probeCorrect else { return nil }
    self.baseline = names[baseline]
    samples = reference.count
    representations = measured.indices.map { index in
      let e = measured[index].evaluation
      var entry = Entry(
        name: names[index], probeAccuracy: e.probeAccuracy, probeAccuracyInterval: e.probeAccuracyInterval, knnAccuracy: e.knnAccuracy,
        knnAccuracyInterval: e.knnAccuracyInterval, qAuroc: e.qAuroc, qAurocInterval: e.qAurocInterval)
      guard index != baseline, let correct = measured[index].probeCorrect else { return entry }
      entry.probeAccuracyVsBaseline = McNemarJSON(first: correct, second: reference)
      let alike = correct.indices.filter { correct[$0] == reference[$0] }
      entry.qAurocVsBaseline = PairedDeLongTest(
        first: alike.map { measured[index].q[$0] }, second: alike.map { measured[baseline].q[$0] }, positive: alike.map { correct[$0] }
      ).map(PairedDeLongJSON.init)
      return entry
    }
  }
}
