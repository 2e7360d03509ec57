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
    var header: [String: HeaderValue] = [:]
    if !metadata.isEmpty { header["__metadata__"] = .metadata(metadata) }
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
      header[entry.name] = .tensor(dtype: dtype, shape: entry.shape, dataOffsets: [start, data.count])
    }
    // Keys sorted, so the same tensors always give the same bytes.
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    var text = Array(try encoder.encode(header))
    text += [UInt8](repeating: 0x20, count: (8 - text.count % 8) % 8)
    var bytes = Data()
    withUnsafeBytes(of: UInt64(text.count).littleEndian) { bytes.append(contentsOf: $0) }
    bytes.append(contentsOf: text)
    bytes.append(data)
    try AtomicFile.write(bytes, to: path)
  }

  /// A header entry: the metadata map, or one tensor's dtype, shape and byte range.
  private enum HeaderValue: Encodable {
    case metadata([String: String])
    case tensor(dtype: String, shape: [Int], dataOffsets: [Int])

    private enum TensorKeys: String, CodingKey {
      case dtype, shape
      case dataOffsets = "data_offsets"
    }

    func encode(to encoder: any Encoder) throws {
      switch self {
      case .metadata(let values):
        var container = encoder.singleValueContainer()
        try container.encode(values)
      case .tensor(let dtype, let shape, let offsets):
        var container = encoder.container(keyedBy: TensorKeys.self)
        try container.encode(dtype, forKey: .dtype)
        try container.encode(shape, forKey: .shape)
        try container.encode(offsets, forKey: .dataOffsets)
      }
    }
  }
}
