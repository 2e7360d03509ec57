// ssl-quality · HistoryFile.swift — history.csv: one line per epoch of a run.

import SSLQualityIO

/// A run's `history.csv`: the header ``EpochRecord/fieldNames`` (`epoch,objective,r,…`),
/// then one line per epoch, the epoch as an integer and the figures as Swift prints them.
public enum HistoryFile {
  public static func text(_ history: [EpochRecord]) -> String {
    let rows = history.map { record in record.fields.enumerated().map { $0.offset == 0 ? String(Int($0.element)) : "\($0.element)" } }
    return CSVWriter.render(header: EpochRecord.fieldNames, rows: rows)
  }
}
