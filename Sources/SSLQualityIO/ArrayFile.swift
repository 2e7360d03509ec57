// ssl-quality · ArrayFile.swift — opening an array argument: `path`, `path.npz:key`, `path.safetensors:name`, `path.pth:key`.

import Foundation
import SSLQuality
import ZIPFoundation

/// Opens arrays named on the command line.
public enum ArrayFile {
  /// Splits an argument into a file path and an optional member key: `file.npz:key`,
  /// `file.safetensors:name` or `file.pth:key`. A path that exists as given is never split.
  public static func split(_ argument: String) -> (path: String, key: String?) {
    if FileManager.default.fileExists(atPath: argument) { return (argument, nil) }
    guard let colon = argument.lastIndex(of: ":") else { return (argument, nil) }
    let path = String(argument[..<colon]), key = String(argument[argument.index(after: colon)...])
    return key.isEmpty ? (path, nil) : (path, key)
  }

  /// Opens the array `argument` names (see ``split(_:)``), detecting the format from the
  /// file's first bytes (`.npy` magic, ZIP signature) or, for `.safetensors`, its name, and
  /// checks its header against `expected` (for a `.npz` member, before inflating the rest).
  ///
  /// - Throws: ``InputError`` naming the file and the problem.
  public static func open(_ argument: String, expecting expected: ArrayExpectation = .any) throws -> StoredArray {
    let (path, key) = split(argument)
    let region = try MappedFile.map(path)
    let buffer = region.buffer
    let array: StoredArray
    if buffer.starts(with: NPYFormat.magic) {
      if let key { throw InputError(path, "a .npy file holds one array; remove ':\(key)'") }
      array = try npy(buffer: buffer, name: path, file: region.file)
    } else if buffer.starts(with: [0x50, 0x4B]) {
      array =
        try isTorch(buffer)
        ? TorchArchive.open(region: region, path: path, key: key) : NPZArchive.open(path: path, key: key, expecting: expected)
    } else if path.lowercased().hasSuffix(".safetensors") {
      array = try safetensors(buffer: buffer, name: path, key: key, file: region.file)
    } else if path.lowercased().hasSuffix(".npy") {
      array = try npy(buffer: buffer, name: path, file: region.file)
    } else if buffer.starts(with: TorchArchive.legacyMagic) {
      throw InputError(path, "PyTorch's legacy format (before 1.6) is not read; load it in PyTorch and torch.save it again")
    } else {
      throw InputError(path, "not a .npy, .npz, .safetensors or torch.save (.pt, .pth) file")
    }
    try expected.check(array.layout, name: array.name)
    return array
  }

  /// The embedding matrix `argument` names (``open(_:expecting:)`` then ``StoredArray/matrix()``).
  public static func matrix(_ argument: String) throws -> StoredMatrix {
    try open(argument, expecting: .matrix).matrix()
  }

  /// The labels `argument` names, one per row of the matrix `matrixName` of `rows` rows.
  public static func labels(_ argument: String, matchingRows rows: Int, of matrixName: String) throws -> [Int] {
    try open(argument, expecting: .labels(rows: rows, of: matrixName)).labels()
  }

  /// Every array `argument` names: the one selected by a key, or else every member of an
  /// `.npz` archive or `.safetensors` file (a `.npy` file holds one).
  public static func openAll(_ argument: String) throws -> [StoredArray] {
    let (path, key) = split(argument)
    guard key == nil else { return [try open(argument)] }
    let region = try MappedFile.map(path)
    let buffer = region.buffer
    let isZip = buffer.withBaseAddress { $0.load(as: UInt8.self) == 0x50 } && buffer.byteCount > 1
    if isZip, try isTorch(buffer) {
      return try TorchArchive.openAll(region: region, path: path)
    } else if isZip, let archive = try? NPZArchive.readable(path) {
      let keys = NPZArchive.keys(of: archive)
      if keys.count > 1 { return try keys.map { try NPZArchive.open(path: path, key: $0) } }
    } else if path.lowercased().hasSuffix(".safetensors") {
      let parsed = try InputError.naming(path) {
        try buffer.withBytes { try SafeTensorsFormat.parse($0) }
      }
      if parsed.tensors.count > 1 {
        return try parsed.tensors.map { try safetensors(buffer: buffer, name: path, key: $0.name, file: region.file) }
      }
    }
    return [try open(argument)]
  }

  /// What `argument` names, without reading any values: the name, format and layout of
  /// the selected array, or of every member of an `.npz` archive or `.safetensors` file,
  /// from their headers. A `.npz` member is inflated only as far as its `.npy` header, so
  /// describing a 4 GiB member costs its first bytes; `.npy` and `.safetensors` files are
  /// mapped, and only their headers are touched.
  public static func describeAll(_ argument: String) throws -> [ArrayDescription] {
    let (path, key) = split(argument)
    let buffer = try MappedFile.map(path).buffer
    guard buffer.starts(with: [0x50, 0x4B]), try !isTorch(buffer) else {
      return try openAll(argument).map(ArrayDescription.init)
    }
    if key == nil, let archive = try? NPZArchive.readable(path) {
      let keys = NPZArchive.keys(of: archive)
      if keys.count > 1 { return try keys.map { try NPZArchive.describe(path: path, key: $0) } }
    }
    return [try NPZArchive.describe(path: path, key: key)]
  }

  /// Whether the ZIP archive in `buffer` is a `torch.save` file (it holds a `data.pkl`).
  private static func isTorch(_ buffer: MatrixBuffer) throws -> Bool {
    buffer.withBytes { TorchArchive.holdsPickle(ZIPDirectory.members(in: $0)) }
  }

  /// Parses a mapped `.npy` file.
  static func npy(buffer: MatrixBuffer, name: String, file: OpenFile? = nil) throws -> StoredArray {
    let parsed = try InputError.naming(name) {
      try buffer.withBytes { try NPYFormat.parse($0) }
    }
    return StoredArray(
      name: name, format: .npy, layout: parsed.layout, fileByteCount: buffer.byteCount, buffer: buffer,
      dataOffset: parsed.dataOffset, file: file)
  }

  /// Parses a mapped `.safetensors` file and selects tensor `key` (or its only tensor).
  static func safetensors(buffer: MatrixBuffer, name: String, key: String?, file: OpenFile? = nil) throws -> StoredArray {
    let parsed = try InputError.naming(name) {
      try buffer.withBytes { try SafeTensorsFormat.parse($0) }
    }
    let available = parsed.tensors.map(\.name).sorted()
    let tensor: SafeTensorsFormat.Tensor
    if let key {
      guard let found = parsed.tensors.first(where: { $0.name == key }) else {
        throw InputError(name, "no tensor named '\(key)' (the file holds: \(available.isEmpty ? "nothing" : available.joined(separator: ", ")))")
      }
      tensor = found
    } else {
      guard parsed.tensors.count == 1, let only = parsed.tensors.first else {
        throw InputError(
          name,
          available.isEmpty
            ? "the file holds no tensors"
            : "the file holds \(available.count) tensors (\(available.joined(separator: ", "))); name one as \(name):NAME")
      }
      tensor = only
    }
    return StoredArray(
      name: key == nil ? name : "\(name):\(tensor.name)", format: .safetensors, layout: tensor.layout,
      fileByteCount: buffer.byteCount, buffer: buffer, dataOffset: parsed.dataOffset + tensor.begin, file: file)
  }
}
