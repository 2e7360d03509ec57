// ssl-quality · ProjectionHead+Counters.swift — BatchNorm batch counters of a head, by state-dict name.

import SSLQualityTraining

extension ProjectionHead {
  /// PyTorch's `num_batches_tracked` of every BatchNorm (`layers.<i>.num_batches_tracked`),
  /// which a lightly head's `state_dict()` holds besides parameters and running statistics.
  public var batchesTracked: [(name: String, count: Int)] {
    layers.layers.enumerated().compactMap { index, layer in
      if case .batchNorm(let norm) = layer { ("layers.\(index).num_batches_tracked", norm.batchesTracked) } else { nil }
    }
  }

  /// Sets the counters named in `counts` (names as in ``batchesTracked``).
  public mutating func setBatchesTracked(_ counts: [String: Int]) {
    for index in layers.layers.indices {
      if case .batchNorm(var norm) = layers.layers[index], let count = counts["layers.\(index).num_batches_tracked"] {
        norm.batchesTracked = count
        layers.layers[index] = .batchNorm(norm)
      }
    }
  }
}
