// ssl-quality · FinetuneLog.swift — finetune's --log file: JSON Lines, one per epoch or step.

import Foundation
import SSLQualityFinetune

/// `finetune --log FILE.jsonl`: one JSON object per line and log record of every run, in
/// run order (``FinetuneRun/log``): `run`, `epoch`, (`step`,) then the ``EpochRecord``
/// figures under their CSV names (``EpochRecord/fieldNames``); non-finite numbers as the
/// strings `"nan"`, `"inf"`, `"-inf"`.
public enum FinetuneLog {
  public static func text(_ runs: [FinetuneRun]) throws -> String {
    let encoder = JSONEncoder()
    encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    var text = ""
    for run in runs {
      for (record, step) in run.log {
        text += String(decoding: try encoder.encode(Line(run: run.label, record: record, step: step)), as: UTF8.self) + "\n"
      }
    }
    return text
  }

  private struct Line: Encodable {
    var run: String
    var record: EpochRecord
    var step: Int?

    func encode(to encoder: Encoder) throws {
      var container = encoder.container(keyedBy: NamedCodingKey.self)
      try container.encode(run, forKey: NamedCodingKey("run"))
      try container.encode(record.epoch, forKey: NamedCodingKey("epoch"))
      try container.encodeIfPresent(step, forKey: NamedCodingKey("step"))
      for (name, value) in zip(EpochRecord.fieldNames, record.fields).dropFirst() { try container.encode(value, forKey: NamedCodingKey(name)) }
    }
  }

}
