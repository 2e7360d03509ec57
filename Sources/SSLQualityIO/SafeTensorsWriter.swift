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

      var count: Int {
        switch self {
        case .float32(let values): values.count
        case .int64(let values): values.count
        }
      }

      var dtype: String {
        switch self {
        case .float32: "F32"
        case .int64: "I64"
        }
      }

      var byteCount: Int {
        switch self {
        case .float32(let values): values.count * MemoryLayout<Float>.size
        case .int64(let values): values.count * MemoryLayout<Int64>.size
        }
      }

      /// The values' little-endian bytes, written to `handle` in one call.
      func writeLittleEndian(to handle: FileHandle) throws {
        switch self {
        case .float32(let values):
          #if _endian(little)
            try values.withUnsafeBytes { try handle.write(contentsOf: $0) }
          #else
            try handle.write(contentsOf: values.map { $0.bitPattern.littleEndian }.withUnsafeBytes { Data($0) })
          #endif
        case .int64(let values):
          #if _endian(little)
            try values.withUnsafeBytes { try handle.write(contentsOf: $0) }
          #else
            try handle.write(contentsOf: values.map { $0.littleEndian }.withUnsafeBytes { Data($0) })
          #endif
        }
      }
    }

    public var name: String, shape: [Int], values: Values

    public init(name: String, shape: [Int], values: Values) {
      self.name = name
      self.shape = shape
      self.values = values
    }
  }

  /// Writes `entries` (names unique) to `path`, each tensor's bytes straight from its
  /// array (the file is never assembled in memory), staged in `outputs` when given (else
  /// atomically on its own).
  ///
  /// - Precondition: each entry's value count matches its shape.
  public static func write(_ entries: [Entry], metadata: [String: String] = [:], to path: String, in outputs: OutputSet? = nil) throws {
    var header: [String: HeaderValue] = [:]
    if !metadata.isEmpty { header["__metadata__"] = .metadata(metadata) }
    var offset = 0
    for entry in entries {
      precondition(entry.values.count == entry.shape.reduce(1, *), "\(entry.name): values do not fill its shape")
      header[entry.name] = .tensor(dtype: entry.values.dtype, shape: entry.shape, dataOffsets: [offset, offset + entry.values.byteCount])
      offset += entry.values.byteCount
    }
    // Keys sorted, so the same tensors always give the same bytes.
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    var text = Array(try encoder.encode(header))
    text += [UInt8](repeating: 0x20, count: (8 - text.count % 8) % 8)
    try OutputSet.staging(path, in: outputs) { handle in
      try handle.write(contentsOf: withUnsafeBytes(of: UInt64(text.count).littleEndian) { Data($0) })
      try handle.write(contentsOf: text)
      for entry in entries { try entry.values.writeLittleEndian(to: handle) }
    }
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
