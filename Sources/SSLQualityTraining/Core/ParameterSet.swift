// ssl-quality · ParameterSet.swift — named tensors in a fixed order (a state dict).

/// Tensors by name, in insertion order — the parameters (or gradients, or buffers) of a
/// layer or model under PyTorch's state-dict names (`layers.0.weight`, …).
public struct ParameterSet<Scalar: TrainingScalar>: Sendable, Equatable {
  /// Names in order.
  public private(set) var names: [String] = []
  /// Tensors in the order of ``names``.
  public private(set) var tensors: [Tensor<Scalar>] = []

  /// An empty set.
  public init() {}

  /// The set of `pairs`, in order.
  public init(_ pairs: [(String, Tensor<Scalar>)]) {
    for (name, tensor) in pairs { self[name] = tensor }
  }

  /// Number of tensors.
  public var count: Int { names.count }

  /// The tensor named `name`; setting a new name appends it.
  public subscript(name: String) -> Tensor<Scalar>? {
    get { names.firstIndex(of: name).map { tensors[$0] } }
    set {
      if let index = names.firstIndex(of: name) {
        if let newValue { tensors[index] = newValue } else {
          names.remove(at: index)
          tensors.remove(at: index)
        }
      } else if let newValue {
        names.append(name)
        tensors.append(newValue)
      }
    }
  }

  /// Replaces the tensor at position `index`, keeping its name.
  public mutating func set(_ index: Int, _ tensor: Tensor<Scalar>) {
    precondition(tensor.shape == tensors[index].shape, "\(names[index]): shape \(tensor.shape), expected \(tensors[index].shape)")
    tensors[index] = tensor
  }

  /// The same tensors with `prefix.` before every name.
  public func prefixed(_ prefix: String) -> ParameterSet {
    var out = ParameterSet()
    out.names = names.map { "\(prefix).\($0)" }
    out.tensors = tensors
    return out
  }

  /// The tensors whose names start with `prefix.`, with the prefix removed.
  public func scoped(_ prefix: String) -> ParameterSet {
    var out = ParameterSet()
    for (name, tensor) in zip(names, tensors) where name.hasPrefix(prefix + ".") {
      out[String(name.dropFirst(prefix.count + 1))] = tensor
    }
    return out
  }

  /// This set followed by `other`.
  public static func + (lhs: ParameterSet, rhs: ParameterSet) -> ParameterSet {
    var out = lhs
    for (name, tensor) in zip(rhs.names, rhs.tensors) { out[name] = tensor }
    return out
  }
}
