// ssl-quality · TorchArchive.swift — tensors in files `torch.save` wrote, read without running their pickle.

import SSLQuality

/// PyTorch's storage types as a `torch.save` pickle names them (`torch.FloatStorage` …),
/// with the element type of each.
enum TorchStorageType: String, CaseIterable {
  case FloatStorage, DoubleStorage, HalfStorage, BFloat16Storage, LongStorage, IntStorage, ShortStorage, CharStorage
  case ByteStorage, BoolStorage

  var elementType: ElementType {
    switch self {
    case .FloatStorage: .float32
    case .DoubleStorage: .float64
    case .HalfStorage: .float16
    case .BFloat16Storage: .bfloat16
    case .LongStorage: .int64
    case .IntStorage: .int32
    case .ShortStorage: .int16
    case .CharStorage: .int8
    case .ByteStorage: .uint8
    case .BoolStorage: .bool
    }
  }
}

/// `.pt`/`.pth` files in `torch.save`'s format (PyTorch 1.6 and later): a ZIP archive of
/// `<name>/data.pkl`, a pickle of a tensor or of a dictionary (`state_dict`, `{"feats": …}`),
/// and `<name>/data/<key>`, the raw bytes of each storage, stored uncompressed; optionally
/// `<name>/byteorder` (`little` or `big`).
///
/// The pickle is read by ``RestrictedPickle``, which runs nothing. A tensor is the call
/// `torch._utils._rebuild_tensor_v2(storage, offset, size, stride, requires_grad, hooks[, metadata])`
/// whose storage is the persistent id `('storage', torch.<Type>Storage, key, location, numel)`
/// (PyTorch's `torch/serialization.py`, `_load`). A tensor whose elements lie in C or Fortran
/// order in its storage is read in place from the mapped file; another view (a slice with
/// steps) is gathered into memory, at most the size of its storage.
enum TorchArchive {
  /// The first bytes of PyTorch's legacy (before 1.6) format: a pickled `LONG1` of the magic
  /// number `0x1950a86a20f9469cfc6c`.
  static let legacyMagic: [UInt8] = [0x80, 0x02, 0x8A, 0x0A, 0x6C, 0xFC, 0x9C, 0x46, 0xF9, 0x20, 0x6A, 0xA8, 0x50, 0x19]

  /// Whether the ZIP archive whose members these are is a `torch.save` file.
  static func holdsPickle(_ members: [ZIPDirectory.Member]) -> Bool { pickleMember(of: members) != nil }

  private static func pickleMember(of members: [ZIPDirectory.Member]) -> ZIPDirectory.Member? {
    members.first { $0.name == "data.pkl" || ($0.name.hasSuffix("/data.pkl") && !$0.name.dropLast(9).contains("/")) }
  }

  /// The tensor `key` names in the dictionary the file holds, or the file's only tensor.
  static func open(region: MappedRegion, path: String, key: String?) throws -> StoredArray {
    let tensors = try read(region: region, path: path)
    let available = tensors.compactMap(\.key)
    if let key {
      guard let found = tensors.first(where: { $0.key == key }) else {
        throw InputError(path, "no tensor named '\(key)' (the file holds: \(available.isEmpty ? "a single tensor" : available.joined(separator: ", ")))")
      }
      return try found.array()
    }
    guard tensors.count == 1, let only = tensors.first else {
      throw InputError(
        path,
        available.isEmpty
          ? "the file holds no tensors"
          : "the file holds \(available.count) tensors (\(available.joined(separator: ", "))); name one as \(path):KEY")
    }
    return try only.array()
  }

  /// Every tensor of the file, by key (a lone tensor has none).
  static func openAll(region: MappedRegion, path: String) throws -> [StoredArray] {
    try read(region: region, path: path).map { try $0.array() }
  }

  /// A tensor found in the pickle, opened on demand.
  private struct Found {
    var key: String?
    var array: () throws -> StoredArray
  }

  /// The tensors of the file: the pickle read, each tensor's storage located and checked.
  private static func read(region: MappedRegion, path: String) throws -> [Found] {
    let buffer = region.buffer
    let members = buffer.withBytes { ZIPDirectory.members(in: $0) }
    guard let pickle = pickleMember(of: members) else { throw InputError(path, "a ZIP archive without data.pkl is not a torch.save file") }
    let prefix = String(pickle.name.dropLast("data.pkl".count))
    let bigEndian = try byteOrder(members.first { $0.name == prefix + "byteorder" }, buffer: buffer, path: path)
    let pickleBytes = try bytes(of: pickle, buffer: buffer, path: path)
    let value: PickleValue
    do throws(RestrictedPickle.Refusal) {
      value = try RestrictedPickle.read(pickleBytes)
    } catch {
      throw InputError(path, error.message)
    }

    func tensor(_ value: PickleValue, key: String?) -> Found {
      Found(key: key) {
        let name = key.map { "\(path):\($0)" } ?? path
        return try array(value, name: name, prefix: prefix, members: members, region: region, bigEndian: bigEndian)
      }
    }
    switch value {
    case .call("torch._utils._rebuild_tensor_v2", _):
      return [tensor(value, key: nil)]
    case .dict(let entries):
      return try entries.compactMap { entry in
        guard case .string(let key) = entry.key else { throw InputError(path, "the file's dictionary has a key that is not a string") }
        guard case .call("torch._utils._rebuild_tensor_v2", _) = entry.value else { return nil }
        return tensor(entry.value, key: key)
      }
    default:
      throw InputError(path, "the file holds neither a tensor nor a dictionary of tensors")
    }
  }

  /// `little` (the default when the member is absent) or `big`.
  private static func byteOrder(_ member: ZIPDirectory.Member?, buffer: MatrixBuffer, path: String) throws -> Bool {
    guard let member else { return false }
    switch String(decoding: try bytes(of: member, buffer: buffer, path: path), as: UTF8.self) {
    case "little": return false
    case "big": return true
    case let other: throw InputError(path, "unknown byte order '\(InputError.escaped(String(other.prefix(20))))' in \(member.name)")
    }
  }

  /// Where a stored member's bytes lie in the mapped archive.
  private static func location(of member: ZIPDirectory.Member, buffer: MatrixBuffer, path: String) throws -> Int {
    guard member.method == 0, !member.encrypted, member.compressedSize == member.uncompressedSize else {
      throw InputError(path, "member '\(member.name)' is compressed or encrypted; torch.save stores its members as they are")
    }
    guard let start = buffer.withBytes({ ZIPDirectory.dataOffset(of: member, in: $0) }) else {
      throw InputError(path, "member '\(member.name)' lies outside the file (truncated or damaged archive)")
    }
    return start
  }

  private static func bytes(of member: ZIPDirectory.Member, buffer: MatrixBuffer, path: String) throws -> [UInt8] {
    let start = try location(of: member, buffer: buffer, path: path)
    return buffer.withBytes { Array($0[start..<(start + member.uncompressedSize)]) }
  }

  /// The stored array of the tensor `value` (a `_rebuild_tensor_v2` call).
  private static func array(
    _ value: PickleValue, name: String, prefix: String, members: [ZIPDirectory.Member], region: MappedRegion, bigEndian: Bool
  ) throws -> StoredArray {
    guard case .call(_, let arguments) = value, arguments.count >= 4,
      case .persistent(.tuple(let storage)) = arguments[0], storage.count == 5,
      case .string("storage") = storage[0], case .global(let typeName) = storage[1], case .string(let key) = storage[2],
      case .int(let storageCount) = storage[4], case .int(let offset) = arguments[1],
      case .tuple(let sizeValues) = arguments[2], case .tuple(let strideValues) = arguments[3]
    else { throw InputError(name, "a tensor whose rebuild arguments are not those torch.save writes") }
    let ints: ([PickleValue]) -> [Int]? = { values in
      values.reduce(into: [Int]?([])) { result, value in
        if case .int(let n) = value { result?.append(n) } else { result = nil }
      }
    }
    guard let type = TorchStorageType(rawValue: String(typeName.dropFirst("torch.".count))) else {
      throw InputError(name, "unknown storage type \(typeName)")
    }
    guard let shape = ints(sizeValues), let strides = ints(strideValues), shape.count == strides.count else {
      throw InputError(name, "a tensor whose size and stride are not tuples of integers of one length")
    }
    let element = type.elementType
    let layout: ArrayLayout
    do { layout = try ArrayLayout(checking: element, bigEndian: bigEndian, shape: shape) } catch { throw InputError(name, error.message) }
    guard let member = members.first(where: { $0.name == prefix + "data/" + key }) else {
      throw InputError(name, "storage '\(key)' is missing from the archive")
    }
    let start = try location(of: member, buffer: region.buffer, path: name)
    guard storageCount >= 0, storageCount.multipliedReportingOverflow(by: element.size) == (member.uncompressedSize, false) else {
      throw InputError(name, "storage '\(key)' holds \(member.uncompressedSize) bytes, not the \(storageCount) × \(element.size) its tensor claims")
    }
    let view = try TorchView(shape: shape, strides: strides, offset: offset, storageCount: storageCount, name: name)
    let data = start + offset * element.size
    switch view.order {
    case .c, .fortran:
      var stored = layout
      stored.fortranOrder = view.order == .fortran
      return StoredArray(
        name: name, format: .pytorch, layout: stored, fileByteCount: region.buffer.byteCount, buffer: region.buffer,
        dataOffset: view.elementCount == 0 ? start : data, file: region.file)
    case .strided:
      let gathered = MatrixBuffer(zeroedByteCount: max(1, view.elementCount * element.size))
      region.buffer.withBaseAddress { source in
        gathered.withBaseAddress { target in view.gather(from: source + start, to: target, elementSize: element.size) }
      }
      return StoredArray(
        name: name, format: .pytorch, layout: layout, fileByteCount: region.buffer.byteCount, buffer: gathered, dataOffset: 0)
    }
  }
}
