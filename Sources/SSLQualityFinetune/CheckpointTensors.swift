// ssl-quality · CheckpointTensors.swift — a checkpoint's tensors, each handed out only with the name, type and shape asked for.

import SSLQualityIO
import SSLQualityTraining

/// The tensors of a checkpoint file. Each is taken by name with the element type and shape
/// the run needs, checked from the header before a single element is read, so nothing is
/// allocated for a shape the file merely claims; ``checkNothingElse()`` then refuses any
/// tensor no one asked for. Every problem is an ``InputError`` naming the file and the tensor.
struct CheckpointTensors {
  let path: String
  private let members: [String: StoredArray]
  private var taken: Set<String> = []

  init(_ path: String) throws {
    self.path = path
    members = try NamedTensors.read(path)
  }

  /// An error about tensor `name` of this file.
  func error(_ name: String, _ problem: String) -> InputError { InputError(path, "tensor '\(name)' \(problem)") }

  func contains(_ name: String) -> Bool { members[name] != nil }

  /// The float32 tensor `name` of shape `shape`, every value finite.
  mutating func floats(_ name: String, shape: [Int]) throws -> Tensor<Float> {
    let array = try member(name, .float32)
    guard array.layout.shape == shape else { throw error(name, "has shape \(array.layout.shape), expected \(shape)") }
    let values = array.floats()
    if let bad = values.firstIndex(where: { !$0.isFinite }) { throw error(name, "holds a non-finite value at flat index \(bad)") }
    return Tensor(shape: shape, scalars: values)
  }

  /// The 1-D int64 tensor `name` of exactly `count` values.
  mutating func integers(_ name: String, count: Int) throws -> [Int] {
    try integers(name, atMost: count, expected: "[\(count)]") { $0 == count }
  }

  /// The 1-D int64 tensor `name` of at most `limit` values; `what` says what the limit is.
  mutating func integers(_ name: String, atMost limit: Int, what: String) throws -> [Int] {
    try integers(name, atMost: limit, expected: "at most \(limit) values (\(what))") { $0 <= limit }
  }

  private mutating func integers(_ name: String, atMost limit: Int, expected: String, fits: (Int) -> Bool) throws -> [Int] {
    let array = try member(name, .int64)
    guard array.layout.shape.count == 1, fits(array.layout.shape[0]) else {
      throw error(name, "has shape \(array.layout.shape), expected \(expected)")
    }
    return try array.labels()
  }

  /// The tensor `name`, which must be of type `type`; marked as taken.
  private mutating func member(_ name: String, _ type: ElementType) throws -> StoredArray {
    guard let array = members[name] else { throw InputError(path, "has no tensor '\(name)' (not a finetune checkpoint of this run, or a damaged one)") }
    guard array.layout.elementType == type else { throw error(name, "is \(array.layout.summary), expected \(type.rawValue)") }
    taken.insert(name)
    return array
  }

  /// Throws for the first (by name) tensor none of the accessors took.
  func checkNothingElse() throws {
    if let extra = members.keys.filter({ !taken.contains($0) }).min() {
      throw error(extra, "is not part of this run's state (a damaged checkpoint, or one of another kind of run)")
    }
  }
}
