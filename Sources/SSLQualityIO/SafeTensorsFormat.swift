// ssl-quality · SafeTensorsFormat.swift — the .safetensors header and tensor table.

import Foundation

/// The `.safetensors` format: an 8-byte little-endian header length `n`, `n` bytes of JSON
/// mapping tensor names to `{dtype, shape, data_offsets: [begin, end]}` (plus an optional
/// `__metadata__` object of strings), then the little-endian data the offsets index.
enum SafeTensorsFormat {
  /// One tensor's entry in the header.
  struct Tensor: Equatable {
    var name: String
    var layout: ArrayLayout
    var begin: Int
    var end: Int
  }

  static let elementTypes: [String: ElementType] = [
    "F16": .float16, "BF16": .bfloat16, "F32": .float32, "F64": .float64, "I8": .int8, "I16": .int16,
    "I32": .int32, "I64": .int64, "U8": .uint8, "U16": .uint16, "U32": .uint32, "U64": .uint64, "BOOL": .bool,
  ]

  /// Largest header accepted (the reference implementation's limit is 100 MB).
  static let maximumHeaderLength = 100_000_000

  /// Parses the header at the start of `bytes` (indexed from 0) and checks every tensor's
  /// offsets.
  ///
  /// - Returns: the tensors in data order and the offset where the data region starts.
  static func parse<Bytes: RandomAccessCollection<UInt8>>(
    _ bytes: Bytes
  ) throws(FormatProblem) -> (tensors: [Tensor], dataOffset: Int) where Bytes.Index == Int {
    precondition(bytes.startIndex == 0, "bytes indexed from 0")
    guard bytes.count >= 8 else { throw FormatProblem("file is too short to be a .safetensors file (\(bytes.count) bytes)") }
    let length = (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[$1]) << (8 * UInt64($1)) }
    guard length <= UInt64(bytes.count - 8) else {
      throw FormatProblem("header length \(length) runs past the end of the file (\(bytes.count) bytes)")
    }
    guard length <= UInt64(maximumHeaderLength) else { throw FormatProblem("header length \(length) is too large") }
    let dataOffset = 8 + Int(length)
    let json = Data(bytes[8..<dataOffset])
    let header: Header
    do {
      header = try JSONDecoder().decode(Header.self, from: json)
    } catch let problem as FormatProblem {
      throw problem
    } catch {
      throw FormatProblem("header is not valid JSON of the safetensors layout (\(describe(error)))")
    }
    var tensors = header.tensors
    tensors.sort { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }
    let dataLength = bytes.count - dataOffset
    var previousEnd = 0
    var previousName = ""
    for tensor in tensors {
      guard tensor.end <= dataLength else {
        throw FormatProblem("tensor '\(tensor.name)' data offsets [\(tensor.begin), \(tensor.end)] run past the data (\(dataLength) bytes)")
      }
      guard tensor.begin >= previousEnd else {
        throw FormatProblem("tensors '\(previousName)' and '\(tensor.name)' overlap")
      }
      previousEnd = tensor.end
      previousName = tensor.name
    }
    return (tensors, dataOffset)
  }

  /// The decoded header: every key but `__metadata__` is a tensor.
  private struct Header: Decodable {
    var tensors: [Tensor] = []

    struct Key: CodingKey {
      var stringValue: String
      var intValue: Int? { nil }
      init(stringValue: String) { self.stringValue = stringValue }
      init?(intValue: Int) { nil }
    }

    struct Entry: Decodable {
      var dtype: String
      var shape: [Int]
      var data_offsets: [Int]
    }

    init(from decoder: Decoder) throws {
      let container = try decoder.container(keyedBy: Key.self)
      for key in container.allKeys where key.stringValue != "__metadata__" {
        let entry: Entry
        do {
          entry = try container.decode(Entry.self, forKey: key)
        } catch {
          throw FormatProblem("tensor '\(key.stringValue)' needs dtype (string), shape and data_offsets (integer lists)")
        }
        tensors.append(try SafeTensorsFormat.tensor(name: key.stringValue, entry))
      }
    }
  }

  private static func tensor(name: String, _ entry: Header.Entry) throws(FormatProblem) -> Tensor {
    guard let type = elementTypes[entry.dtype] else {
      throw FormatProblem("tensor '\(name)' has unsupported dtype '\(entry.dtype)' (expected F16, BF16, F32, F64, I8…I64, U8…U64 or BOOL)")
    }
    let pair = entry.data_offsets
    guard pair.count == 2, pair[0] >= 0, pair[0] <= pair[1] else {
      throw FormatProblem("tensor '\(name)' data_offsets is not a pair [begin, end] with 0 ≤ begin ≤ end")
    }
    let layout: ArrayLayout
    do {
      layout = try ArrayLayout(checking: type, shape: entry.shape)
    } catch {
      throw FormatProblem("tensor '\(name)' \(error.message)")
    }
    guard layout.dataByteCount == pair[1] - pair[0] else {
      throw FormatProblem(
        "tensor '\(name)' \(layout.summary) needs \(layout.dataByteCount) bytes but its data_offsets span \(pair[1] - pair[0])")
    }
    return Tensor(name: name, layout: layout, begin: pair[0], end: pair[1])
  }

  private static func describe(_ error: Error) -> String {
    switch error {
    case DecodingError.dataCorrupted(let context): context.debugDescription
    case DecodingError.typeMismatch(_, let context): context.debugDescription
    default: "not a JSON object"
    }
  }
}
