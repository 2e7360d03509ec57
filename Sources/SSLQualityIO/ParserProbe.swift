// ssl-quality · ParserProbe.swift — whole-file parses of untrusted bytes, for the fuzzers.

import Foundation
import SSLQuality

/// Runs a parser over bytes held in memory and touches every element it accepts, the way
/// a command would. Thrown ``InputError``s are the expected outcome for malformed input;
/// anything else (a crash, a hang) is a bug. Used by the libFuzzer targets in `Fuzz/`.
public enum ParserProbe {
  /// Parses `bytes` as a `.npy` file.
  public static func npy(_ bytes: Data) throws {
    try read(ArrayFile.npy(buffer: copy(bytes), name: "fuzz.npy"))
  }

  /// Parses `bytes` as a `.npz` archive and every member in it, through a temporary file
  /// as a command would read it.
  public static func npz(_ bytes: Data) throws {
    let path = NSTemporaryDirectory() + "ssl-quality-fuzz-\(getpid()).npz"
    defer { unlink(path) }
    try bytes.write(to: URL(fileURLWithPath: path))
    for array in try ArrayFile.openAll(path) { try read(array) }
  }

  /// Parses `bytes` as a `.safetensors` file and every tensor in it.
  public static func safetensors(_ bytes: Data) throws {
    let buffer = copy(bytes)
    let parsed = try InputError.naming("fuzz.safetensors") {
      try buffer.withBaseAddress { try SafeTensorsFormat.parse(UnsafeRawBufferPointer(start: $0, count: buffer.byteCount)) }
    }
    for tensor in parsed.tensors {
      try read(ArrayFile.safetensors(buffer: buffer, name: "fuzz.safetensors", key: tensor.name))
    }
  }

  /// Parses `bytes` as a CSV table and then as Salient ImageNet's crowd-sourcing CSV.
  public static func csv(_ bytes: Data) throws {
    guard let text = String(data: bytes, encoding: .utf8) else { throw InputError("fuzz.csv", "not UTF-8 text") }
    let table = try CSVTable(parsing: text, name: "fuzz.csv")
    for record in table.records { _ = record.fields.map(\.count).reduce(0, +) }
    _ = try SalientFeatureVerdicts(table)
  }

  private static func copy(_ bytes: Data) -> MatrixBuffer {
    let buffer = MatrixBuffer(zeroedByteCount: bytes.count)
    buffer.withBaseAddress { base in
      bytes.withUnsafeBytes { source in
        if let start = source.baseAddress { base.copyMemory(from: start, byteCount: source.count) }
      }
    }
    return buffer
  }

  private static func read(_ array: StoredArray) throws {
    _ = array.floats()
    if array.layout.shape.count == 1 { _ = try? array.labels() }
    if array.layout.shape.count == 2, let matrix = try? array.matrix() {
      _ = MatrixStatistics.compute(matrix, context: .serial)
    }
  }
}
