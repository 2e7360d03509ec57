// ssl-quality · SafeTensorsMembers.swift — every tensor of a .safetensors file, by name.

extension ArrayFile {
  /// Every tensor of the `.safetensors` file `path`, keyed by its name in the file (each
  /// array's ``StoredArray/name`` is `path:name` for messages).
  ///
  /// - Throws: ``InputError`` naming `path` when it cannot be read or parsed.
  public static func safetensorsMembers(_ path: String) throws -> [String: StoredArray] {
    let region = try MappedFile.map(path)
    let buffer = region.buffer
    let parsed = try InputError.naming(path) {
      try buffer.withBytes { try SafeTensorsFormat.parse($0) }
    }
    var out: [String: StoredArray] = [:]
    for tensor in parsed.tensors {
      out[tensor.name] = try safetensors(buffer: buffer, name: path, key: tensor.name, file: region.file)
    }
    return out
  }
}
