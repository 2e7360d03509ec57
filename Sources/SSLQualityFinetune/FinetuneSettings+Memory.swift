// ssl-quality · FinetuneSettings+Memory.swift — the memory a run's widths ask for, known before anything is allocated.

extension FinetuneSettings {
  /// The bytes a run over `views` views of `features` columns needs besides the views
  /// themselves, from its widths alone (computed in floating point, so absurd widths give a
  /// large number instead of an overflow):
  ///
  /// `4 · (6 P + 2 M O + 3 V B (2D + A + 3H + 2O + b + K + M) + 3 C)` bytes of float32, where
  /// `P` counts the parameters (adapter `2DA + A + D`; each head layer `i × o` as
  /// `i·o + 5o` for its weight, bias and a BatchNorm's four vectors; SwAV's `K·O`
  /// prototypes; DINO's weight-normalised `b·O + O` last layer), held six times (value,
  /// gradient, two AdamW moments, momentum target, checkpoint copy); `M × O` the MoCo queue
  /// (and its checkpoint copy); the activations of `V` views of a batch `B` through every
  /// layer, kept for the backward pass with their gradients; and `C = O²` the `O × O`
  /// cross-correlation or covariance of Barlow Twins and VICReg.
  public func memoryEstimate(features: Int, views: Int) -> Double {
    let d = Double(features), a = Double(hidden), h = Double(headHidden), o = Double(headOutput)
    let b = Double(headBottleneck ?? 0), k = Double(prototypes ?? 0), m = Double(memoryBankSize ?? 0)
    func layer(_ inputs: Double, _ outputs: Double) -> Double { inputs * outputs + 5 * outputs }
    let head: Double
    switch objective {
    case .simclr, .moco: head = layer(d, h) + layer(h, o)
    case .vicreg, .barlowtwins: head = layer(d, h) + layer(h, h) + layer(h, o)
    case .byol: head = layer(d, h) + layer(h, o) + layer(o, h) + layer(h, o)
    case .simsiam: head = layer(d, h) + layer(h, h) + layer(h, o) + layer(o, (o / 4).rounded(.down)) + layer((o / 4).rounded(.down), o)
    case .swav: head = layer(d, h) + layer(h, o) + k * o
    case .dino: head = layer(d, h) + layer(h, h) + layer(h, b) + b * o + o
    }
    let parameters = 2 * d * a + a + d + head
    let activations = 3 * Double(views) * Double(batchSize) * (2 * d + a + 3 * h + 2 * o + b + k + m)
    let correlation = objective == .vicreg || objective == .barlowtwins ? 3 * o * o : 0
    return 4 * (6 * parameters + 2 * m * o + activations + correlation)
  }
}
