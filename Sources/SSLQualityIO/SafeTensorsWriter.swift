// ssl-quality · SafeTensorsWriter.swift — .safetensors files that PyTorch's loaders read.

import Foundation

/// Writes `.safetensors` files: an 8-byte little-endian header length, a JSON header
/// `{name: {"dtype", "shape", "data_offsets"}}` (padded with spaces to a multiple of 8
/// bytes), then the tensors' little-endian bytes in the order given. Written atomically.
public enum SafeTensorsWriter {
  /// One named tensor to write.
  public struct Entry: Sendable {
    public enum Values: Sendable {
      case float32([Float])
      case int64([Int64])
    }

    public var name: String, shape: [Int], values: Values

    public init(name: String, shape: [Int], values: Values) {
      self.name = name
      self.shape = shape
      self.values = values
    }
  }

  /// Writes `entries` (names unique) to `path`.
  ///
  /// - Precondition: each entry's value count matches its shape.
  public static func write(_ entries: [Entry], metadata: [String: String] = [:], to path: String) throws {
    var header: [(String, JSONValue)] = []
    if !metadata.isEmpty {
      header.append(("__metadata__", .object(metadata.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })))
    }
    var data = Data()
    for entry in entries {
      let start = data.count
      let dtype: String
      switch entry.values {
      case .float32(let values):
        precondition(values.count == entry.shape.reduce(1, *), "\(entry.name): values do not fill its shape")
        dtype = "F32"
        #if _endian(little)
          values.withUnsafeBytes { data.append(contentsOf: $0) }  // one copy, not one append per value
        #else
          for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        #endif
      case .int64(let values):
        precondition(values.count == entry.shape.reduce(1, *), "\(entry.name): values do not fill its shape")
        dtype = "I64"
        #if _endian(little)
          values.withUnsafeBytes { data.append(contentsOf: $0) }
        #else
          for value in values { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
        #endif
      }
      header.append(
        (entry.name, .object([
          ("dtype", .string(dtype)), ("shape", .array(entry.shape.map(JSONValue.integer))),
          ("data_offsets", .array([.integer(start), .integer(data.count)])),
        ])))
    }
    var text = Array(JSONValue.object(header).serialized().utf8)
    text += [UInt8](repeating: 0x20, count: (8 - text.count % 8) % 8)
    var bytes = Data()
    withUnsafeBytes(of: UInt64(text.count).littleEndian) { bytes.append(contentsOf: $0) }
    bytes.append(contentsOf: text)
    bytes.append(data)
    try AtomicFile.write(bytes, to: path)
  }
}
