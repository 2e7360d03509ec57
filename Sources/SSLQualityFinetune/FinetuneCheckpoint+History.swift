// ssl-quality · FinetuneCheckpoint+History.swift — a checkpoint's epoch history and collapse record, checked against the run.

extension FinetuneCheckpoint {
  /// The epoch records in `fields` (the `history` tensor's values as float64, 7 per epoch),
  /// and the collapse record `collapse` (4 values) if the file has one, checked to be what
  /// the run `settings` over `samples` rows wrote:
  ///
  /// - row `i` is epoch `i + 1`, and its learning rate is the schedule's at the epoch's
  ///   last step (``FinetuneSettings/learningRate(step:samples:)``);
  /// - every figure is finite, except in the last row of a run stopped for a non-finite loss;
  /// - the collapse guard fired on no row before the last, and on the last exactly when
  ///   there is a collapse record: the record's epoch is the last row's, its reason
  ///   (0 inactive, 1 non-finite) the guard's verdict on that row, its active share that
  ///   row's and its threshold the run's.
  static func history(_ fields: [Double], collapse: [Double]?, settings: FinetuneSettings, samples: Int, file: CheckpointTensors)
    throws -> (history: [EpochRecord], collapse: CollapseStop?)
  {
    let width = EpochRecord.fieldNames.count
    guard fields.count % width == 0 else { throw file.error("history", "holds \(fields.count) numbers, not rows of \(width)") }
    let perEpoch = settings.stepsPerEpoch(samples: samples)
    var history: [EpochRecord] = []
    for start in stride(from: 0, to: fields.count, by: width) {
      let row = start / width
      guard let record = EpochRecord(fields: Array(fields[start..<(start + width)])), record.epoch == row + 1 else {
        throw file.error("history", "row \(row) is not the record of epoch \(row + 1)")
      }
      let rate = perEpoch > 0 ? settings.learningRate(step: (row + 1) * perEpoch - 1, samples: samples) : 0
      guard record.learningRate.bitPattern == rate.bitPattern else {
        throw file.error("history", "epoch \(row + 1) has learning rate \(record.learningRate), the run's schedule gives \(rate)")
      }
      history.append(record)
    }
    let stop = try collapse.map { try collapseStop($0, history: history, settings: settings, file: file) }
    for (index, record) in history.enumerated() where !(index == history.count - 1 && stop?.reason == .nonFinite) {
      guard record.fields.allSatisfy(\.isFinite) else { throw file.error("history", "epoch \(record.epoch) holds a non-finite figure") }
    }
    for record in history.dropLast(stop == nil ? 0 : 1) where record.activeShare < settings.collapseThreshold {
      throw file.error(
        "history", "epoch \(record.epoch) kept an active share of \(record.activeShare) < \(settings.collapseThreshold), so the run stopped there")
    }
    return (history, stop)
  }

  /// The collapse record `c` (epoch, reason, active share, threshold), checked against the
  /// last epoch of `history`.
  private static func collapseStop(_ c: [Double], history: [EpochRecord], settings: FinetuneSettings, file: CheckpointTensors) throws
    -> CollapseStop
  {
    guard let last = history.last, c[0] == Double(last.epoch) else {
      throw file.error("collapse", "names epoch \(c[0]), the history's last epoch is \(history.count)")
    }
    let nonFinite = !(last.objective + last.regularizer).isFinite
    let reason: CollapseStop.Reason
    switch c[1] {
    case 0 where !nonFinite && last.activeShare < settings.collapseThreshold: reason = .inactive
    case 1 where nonFinite: reason = .nonFinite
    default: throw file.error("collapse", "gives reason \(c[1]), which the history's epoch \(last.epoch) does not bear out")
    }
    guard c[2].bitPattern == last.activeShare.bitPattern, c[3].bitPattern == settings.collapseThreshold.bitPattern else {
      throw file.error(
        "collapse", "records active share \(c[2]) and threshold \(c[3]); the history and the run have \(last.activeShare) and \(settings.collapseThreshold)")
    }
    return CollapseStop(epoch: last.epoch, reason: reason, activeShare: last.activeShare, threshold: settings.collapseThreshold)
  }
}
