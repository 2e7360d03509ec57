// ssl-quality · SampleTable.swift — `score --table`: one CSV row per sample, joinable to images.

import SSLQuality
import SSLQualityIO

/// The per-sample table of `score`: ids (the `--ids` lines, or the row index), the probe
/// outcome when known, every score and the set sizes behind Q.
struct SampleTable {
  static let header = ["id", "label", "prediction", "correct", "q", "qz", "msp", "l1", "max_z", "active", "active_in_dset"]

  var ids: [String]?
  var scores: SampleScores
  var outcome: ProbeOutcome?

  /// The id of row `i`.
  func id(_ i: Int) -> String { ids?[i] ?? String(i) }

  /// Row `i`'s cells in ``header`` order (empty cells for unknown values, `nan` for
  /// non-finite rows' scores).
  func cells(_ i: Int) -> [String] {
    [
      id(i), outcome.map { String($0.labels[i]) } ?? "", outcome.map { String($0.predictions[i]) } ?? "",
      outcome.map { $0.correct[i] ? "true" : "false" } ?? "", "\(scores.q[i])", "\(scores.qz[i])",
      scores.msp.map { "\($0[i])" } ?? "", "\(scores.l1[i])", "\(scores.maxZ[i])", String(scores.highlyActive[i]),
      String(scores.discriminativeActive[i]),
    ]
  }

  var csv: String { CSVWriter.render(header: Self.header, rows: scores.q.indices.map(cells)) }

  /// Row `i` as a JSON object with the table's keys.
  func json(_ i: Int, q: Double) -> JSONValue {
    .object([
      ("index", .integer(i)), ("id", .string(id(i))), ("q", .number(q)),
      ("label", outcome.map { .integer($0.labels[i]) } ?? .null), ("prediction", outcome.map { .integer($0.predictions[i]) } ?? .null),
      ("correct", outcome.map { .bool($0.correct[i]) } ?? .null), ("active", .integer(scores.highlyActive[i])),
      ("active_in_dset", .integer(scores.discriminativeActive[i])),
    ])
  }
}
