// ssl-quality · NamedTensors.swift — every tensor of a .safetensors file by name.

import SSLQualityIO
import SSLQualityTraining

/// Reading whole `.safetensors` files (adapters, heads, checkpoints) as tensors by name.
enum NamedTensors {
  /// Every tensor of `path`, keyed by its name in the file.
  static func read(_ path: String) throws -> [String: StoredArray] {
    try ArrayFile.safetensorsMembers(path)
  }

  /// `array` as a float tensor of its own shape.
  ///
  /// - Throws: ``InputError`` when it is not floating-point or holds NaN/Inf.
  static func floatTensor(_ array: StoredArray, name: String, path: String) throws -> Tensor<Float> {
    guard [ElementType.float16, .bfloat16, .float32, .float64].contains(array.layout.elementType) else {
      throw InputError(path, "\(name) is \(array.layout.summary), expected a float tensor")
    }
    let values = array.floats()
    if let bad = values.firstIndex(where: { !$0.isFinite }) {
      throw InputError(path, "\(name) holds a non-finite value at flat index \(bad)")
    }
    return Tensor(shape: array.layout.shape, scalars: values)
  }
}
