// ssl-quality · FinetuneOptimizer.swift — the chosen optimiser and its state as named tensors.

import SSLQualityTraining

/// One of the core's optimisers, with its state readable and restorable as named tensors
/// (for checkpoints): AdamW's `exp_avg`/`exp_avg_sq` and step count, SGD's and LARS's
/// `momentum_buffer`, under PyTorch's names.
public enum FinetuneOptimizer: Sendable {
  case sgd(SGD<Float>)
  case adamw(AdamW<Float>)
  case lars(LARS<Float>)

  /// The optimiser `settings` ask for.
  public init(_ settings: FinetuneSettings) {
    switch settings.optimizer {
    case .sgd: self = .sgd(SGD(momentum: settings.momentum, weightDecay: settings.weightDecay))
    case .adamw: self = .adamw(AdamW(weightDecay: settings.weightDecay))
    case .lars: self = .lars(LARS(momentum: settings.momentum, weightDecay: settings.weightDecay))
    }
  }

  /// One update of `parameters`.
  public mutating func step(_ parameters: inout ParameterSet<Float>, gradients: ParameterSet<Float>, learningRate: Double) {
    switch self {
    case .sgd(var o): o.step(&parameters, gradients: gradients, learningRate: learningRate); self = .sgd(o)
    case .adamw(var o): o.step(&parameters, gradients: gradients, learningRate: learningRate); self = .adamw(o)
    case .lars(var o): o.step(&parameters, gradients: gradients, learningRate: learningRate); self = .lars(o)
    }
  }

  /// The state as tensors `NAME.exp_avg`, `NAME.exp_avg_sq` (AdamW) or
  /// `NAME.momentum_buffer` (SGD, LARS), in the order of `parameters`, and the step count.
  public func state(for parameters: ParameterSet<Float>) -> (tensors: ParameterSet<Float>, steps: Int) {
    var out = ParameterSet<Float>()
    for (name, tensor) in zip(parameters.names, parameters.tensors) {
      switch self {
      case .adamw(let o):
        if let (m, v) = o.moments[name] {
          out["\(name).exp_avg"] = Tensor(shape: tensor.shape, scalars: m)
          out["\(name).exp_avg_sq"] = Tensor(shape: tensor.shape, scalars: v)
        }
      case .sgd(let o): if let b = o.buffers[name] { out["\(name).momentum_buffer"] = Tensor(shape: tensor.shape, scalars: b) }
      case .lars(let o): if let b = o.buffers[name] { out["\(name).momentum_buffer"] = Tensor(shape: tensor.shape, scalars: b) }
      }
    }
    if case .adamw(let o) = self { return (out, o.steps) }
    return (out, 0)
  }

  /// Restores the state ``state(for:)`` returned.
  public mutating func restore(_ tensors: ParameterSet<Float>, steps: Int, parameters: ParameterSet<Float>) {
    switch self {
    case .adamw(var o):
      o.steps = steps
      for name in parameters.names {
        if let m = tensors["\(name).exp_avg"], let v = tensors["\(name).exp_avg_sq"] { o.moments[name] = (m.scalars, v.scalars) }
      }
      self = .adamw(o)
    case .sgd(var o):
      for name in parameters.names { if let b = tensors["\(name).momentum_buffer"] { o.buffers[name] = b.scalars } }
      self = .sgd(o)
    case .lars(var o):
      for name in parameters.names { if let b = tensors["\(name).momentum_buffer"] { o.buffers[name] = b.scalars } }
      self = .lars(o)
    }
  }
}
