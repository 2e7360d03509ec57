// ssl-quality · SGDProbe.swift — the DINO / solo-learn linear-evaluation recipe on fixed features.

import Foundation

/// A linear classifier trained by mini-batch SGD with momentum on fixed features, as
/// DINO's `eval_linear.py` and solo-learn's linear evaluation do: weights drawn from
/// N(0, 0.01²) and zero intercepts, cross-entropy averaged over the batch, PyTorch SGD
/// semantics (`d = g + λθ; v = μv + d; θ −= η v`, momentum μ = 0.9, weight decay λ on all
/// parameters), learning rate on a cosine schedule stepped per epoch
/// (`η_e = η · (1 + cos(π e / E)) / 2`). Deterministic for a given seed.
public struct SGDProbe: Sendable {
  public var learningRate = 0.1
  public var epochs = 100
  public var batchSize = 256
  public var weightDecay = 0.0
  public var momentum = 0.9
  public var seed: UInt64 = 0
  public var standardize = true

  public init() {}

  /// Trains on `train` with `labels`; reports ``ProgressEvent/epoch(epoch:epochs:loss:)``
  /// after each epoch.
  ///
  /// - Precondition: at least two classes; one label per row.
  public func fit(_ train: Matrix, labels: [Int], context: ExecutionContext) -> (classifier: LinearClassifier, loss: Double) {
    let set = ProbeTrainingSet(train, labels: labels, standardize: standardize, context: context)
    let (encoding, targets, features) = (set.encoding, set.targets, set.features)
    let n = features.rows, d = features.columns, k = encoding.count
    var random = SeededGenerator(seed: seed)
    var theta = (0..<(k * d)).map { _ in 0.01 * random.normal() } + [Double](repeating: 0, count: k)
    var velocity = [Double](repeating: 0, count: theta.count)
    var batch = Matrix(rows: min(batchSize, n), columns: d)
    var order = Array(0..<n)
    var lastLoss = Double.nan
    for epoch in 0..<epochs {
      let rate = learningRate * (1 + cos(Double.pi * Double(epoch) / Double(epochs))) / 2
      random.shuffle(&order)
      var epochLoss = 0.0, batches = 0
      for start in stride(from: 0, to: n, by: batchSize) {
        let rows = Array(order[start..<min(n, start + batchSize)])
        // The full-size batch buffer is reused (the previous batch's objective is gone, so
        // the buffer is not shared and is written in place).
        if rows.count != batch.rows { batch = Matrix(rows: rows.count, columns: d) }
        batch.copyRows(rows, of: features)
        let current = batch
        // Cross-entropy without the L2 term (C = ∞); weight decay is applied below.
        let objective = SoftmaxObjective(
          features: current, targets: rows.map { targets[$0] }, classes: k, inverseRegularization: .infinity)
        let (loss, gradient) = objective.evaluate(theta, context: context)
        for p in theta.indices {
          velocity[p] = momentum * velocity[p] + gradient[p] + weightDecay * theta[p]
          theta[p] -= rate * velocity[p]
        }
        epochLoss += loss
        batches += 1
      }
      lastLoss = epochLoss / Double(max(1, batches))
      context.report(.epoch(epoch: epoch + 1, epochs: epochs, loss: lastLoss))
    }
    return (LinearClassifier(encoding: encoding, standardizer: set.standardizer, parameters: theta, features: d), lastLoss)
  }
}
