// ssl-quality · SampleTable.swift — `score --table`: one CSV row per sample, joinable to images.

import SSLQuality
import SSLQualityIO

/// The per-sample table of `score`: ids (the `--ids` lines, or the row index), the probe
/// outcome when known, every score and the set sizes behind Q.
public struct SampleTable: Sendable {
  public static let header: [String] = {
    let scores: [String] = MistakeScore.allCases.flatMap { score -> [String] in score == .q ? [score.key, "qz"] : [score.key] }
    return ["id", "label", "prediction", "correct"] + scores + ["active", "active_in_dset"]
  }()

  public var ids: [String]?
  public var scores: SampleScores
  public var outcome: ProbeOutcome?

  public init(ids: [String]?, scores: SampleScores, outcome: ProbeOutcome?) {
    (self.ids, self.scores, self.outcome) = (ids, scores, outcome)
  }

  /// The id of row `i`.
  public func id(_ i: Int) -> String { ids?[i] ?? String(i) }

  /// Row `i`'s cells in ``header`` order (empty cells for unknown values, `nan` for
  /// non-finite rows' scores).
  public func cells(_ i: Int) -> [String] {
    let probe: [String] = [
      outcome.map { String($0.labels[i]) } ?? "", outcome.map { String($0.predictions[i]) } ?? "",
      outcome.map { $0.correct[i] ? "true" : "false" } ?? "",
    ]
    var values: [String] = []
    for score in MistakeScore.allCases {
      values.append(scores.values(score).map { "\($0[i])" } ?? "")
      if score == .q { values.append("\(scores.qz[i])") }
    }
    return [id(i)] + probe + values + [String(scores.highlyActive[i]), String(scores.discriminativeActive[i])]
  }

  /// The table as CSV (``CSVWriter``; `raw`: ids verbatim, without formula neutralisation).
  public func csv(raw: Bool = false) -> String { CSVWriter.render(header: Self.header, rows: scores.q.indices.map(cells), raw: raw) }

  /// Row `i` as the result lists it, with the table's keys.
  public func entry(_ i: Int, q: Double) -> SampleEntry {
    SampleEntry(
      index: i, id: id(i), q: q, maxZ: scores.maxZ[i], label: outcome?.labels[i], prediction: outcome?.predictions[i], correct: outcome?.correct[i],
      active: scores.highlyActive[i], activeInDset: scores.discriminativeActive[i])
  }
}

/// One sample of `score --lowest`: its row, id, Q, its largest z-score, the probe outcome (`null` when
/// unknown) and `|L_i|`, `|L_i ∩ Dset|`.
public struct SampleEntry: Codable, Sendable, Equatable {
  public var index: Int
  public var id: String
  public var q: Double
  /// The largest z-score of the row, `max_j (h_ij − μ_i)/σ_i`: the tie-break among equal Q.
  @FiniteOrNull public var maxZ: Double
  @NullWhenAbsent public var label: Int?
  @NullWhenAbsent public var prediction: Int?
  @NullWhenAbsent public var correct: Bool?
  public var active: Int
  public var activeInDset: Int

  enum CodingKeys: String, OrderedCodingKey {
    case index, id, q, maxZ = "max_z", label, prediction, correct, active
    case activeInDset = "active_in_dset"
  }
}
