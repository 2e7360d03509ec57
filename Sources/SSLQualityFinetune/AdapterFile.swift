// ssl-quality · AdapterFile.swift — adapter.safetensors: reading, writing, applying to a dump.

import SSLQuality
import SSLQualityIO
import SSLQualityTraining

/// The saved adapter: `fc1.weight` `[hidden, D]`, `fc1.bias` `[hidden]`, `fc2.weight`
/// `[D, hidden]`, `fc2.bias` `[D]`, float32 — PyTorch `nn.Linear` layout.
public enum AdapterFile {
  /// The tensor names, in file order.
  public static let names = ["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"]

  /// Writes `adapter` to `path` atomically, staged in `outputs` when given.
  public static func write(_ adapter: ResidualAdapter<Float>, to path: String, in outputs: OutputSet? = nil) throws {
    let state = adapter.parameters
    try SafeTensorsWriter.write(names.compactMap { name in state[name].map { .floats(name, $0) } }, to: path, in: outputs)
  }

  /// Reads an adapter from `path`.
  ///
  /// - Throws: ``InputError`` naming `path` when a tensor is missing, extra, of the wrong
  ///   shape or type, or not finite.
  public static func read(_ path: String) throws -> ResidualAdapter<Float> {
    let arrays = try NamedTensors.read(path)
    if let extra = arrays.keys.sorted().first(where: { !names.contains($0) }) {
      throw InputError(path, "unexpected tensor '\(extra)' (an adapter holds \(names.joined(separator: ", ")))")
    }
    func tensor(_ name: String) throws -> Tensor<Float> {
      guard let array = arrays[name] else { throw InputError(path, "no tensor named '\(name)'") }
      return try NamedTensors.floatTensor(array, name: name, path: path)
    }
    let w1 = try tensor("fc1.weight"), b1 = try tensor("fc1.bias"), w2 = try tensor("fc2.weight"), b2 = try tensor("fc2.bias")
    guard w1.shape.count == 2, w1.rows > 0, w1.columns > 0 else {
      throw InputError(path, "fc1.weight must be a non-empty [hidden, D] matrix, found shape \(w1.shape)")
    }
    let hidden = w1.rows, d = w1.columns
    for (name, tensor, shape) in [("fc1.bias", b1, [hidden]), ("fc2.weight", w2, [d, hidden]), ("fc2.bias", b2, [d])]
    where tensor.shape != shape {
      throw InputError(path, "\(name) has shape \(tensor.shape), expected \(shape) for fc1.weight [\(hidden), \(d)]")
    }
    return ResidualAdapter(fc1: Linear(weight: w1, bias: b1), fc2: Linear(weight: w2, bias: b2))
  }

  /// Applies `adapter` to every row of `source` and writes the `N × D` float32 result to
  /// `path` as `.npy` (staged in `outputs` when given), reading `blockRows` rows at a time rounded up to whole
  /// ``AlignedRowBlocks`` (256 rows): memory stays at a few such reads of
  /// `max(D, hidden)` floats per row whatever `N` is. The rows are adapted by
  /// ``ResidualAdapter/adapted(_:firstRow:)``, so the file holds the same
  /// bits for any `blockRows` as `finetune`'s `train.npy` of the same rows.
  ///
  /// - Precondition: `source` has `adapter.features` columns; `blockRows` ≥ 1.
  public static func apply(_ adapter: ResidualAdapter<Float>, to source: some RowSource, writing path: String, in outputs: OutputSet? = nil, blockRows: Int = 4096) throws {
    precondition(source.columns == adapter.fc1.inputs, "adapter and input widths differ")
    let scratch = RowScratch(), step = AlignedRowBlocks.wholeBlocks(blockRows)
    try NPYWriter.streamMatrix(rows: source.rows, columns: source.columns, to: path, in: outputs) { emit in
      for start in stride(from: 0, to: source.rows, by: step) {
        let range = start..<min(source.rows, start + step)
        let adapted = source.withRows(range, scratch: scratch) { adapter.adapted($0, firstRow: start) }
        try emit(adapted.span)
      }
    }
  }
}
