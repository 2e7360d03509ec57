// ssl-quality · FinetuneVerdict.swift — a fine-tuning run against its reference, on the same test samples.

import SSLQuality

/// What a fine-tuning run changed against its reference, measured on the same evaluation
/// samples: the linear probe's accuracy difference (run − reference) with McNemar's exact
/// test and its paired interval (``McNemarJSON``, first = the run), and the share of samples
/// with an empty `L_i ∩ Dset` before → after.
///
/// The reference is the control (the same run with `λ1 = λ2 = 0`, `--control`) when there
/// is one, else a sweep's run with `λ = 0`, else the representation before fine-tuning;
/// every other run is compared with it.
public struct FinetuneVerdict: Codable, Sendable, Equatable {
  /// The run's label (`with_r`, `lambda=<λ>`) and the reference's (`without_r`,
  /// `lambda=0.0`, or `before`).
  public var run: String, reference: String
  /// Run minus reference; `null` without evaluation labels.
  @NullWhenAbsent public var probeAccuracy: McNemarJSON?
  /// Empty-share of the reference, then of the run.
  public var referenceEmptyShare: Double, emptyShare: Double

  enum CodingKeys: String, OrderedCodingKey {
    case run, reference, probeAccuracy = "probe_accuracy", referenceEmptyShare = "reference_empty_share", emptyShare = "empty_share"
  }

  /// The verdicts of `runs` (their evaluations `measured`, in the same order) against the
  /// reference; none without evaluation splits.
  static func all(
    runs: [FinetuneRunResult], measured: [RepresentationEvaluation.Measurement?], before: RepresentationEvaluation.Measurement?
  ) -> [FinetuneVerdict] {
    let referenceIndex =
      runs.firstIndex { $0.label == "without_r" } ?? runs.firstIndex { $0.lambda1 == 0 && $0.lambda2 == 0 }
    guard let reference = referenceIndex.map({ measured[$0] }) ?? before else { return [] }
    let referenceLabel = referenceIndex.map { runs[$0].label } ?? "before"
    return runs.indices.compactMap { index in
      guard index != referenceIndex, let run = measured[index] else { return nil }
      var accuracy: McNemarJSON?
      if let first = run.probeCorrect, let second = reference.probeCorrect { accuracy = McNemarJSON(first: first, second: second) }
      return FinetuneVerdict(
        run: runs[index].label, reference: referenceLabel, probeAccuracy: accuracy, referenceEmptyShare: reference.evaluation.emptyShare,
        emptyShare: run.evaluation.emptyShare)
    }
  }
}
