// ssl-quality · FinetuneStep.swift — one training step: forward, objective + R, backward.

import SSLQuality
import SSLQualityTraining

/// What one step measured, and the gradient of its loss.
public struct StepOutcome: Sendable {
  /// The objective's value and `R` summed over the views.
  public var objective: Double, regularizer: Double
  /// Batch mean of Q and share of rows whose `L_i ∩ Dset` is empty, averaged over views.
  public var qMean: Double, emptyShare: Double
  /// Active features (columns with a positive entry) of the adapted batch over those of
  /// the input batch, averaged over views: the collapse guard's measure.
  public var activeShare: Double
  /// `∂(objective + R)` for every trainable tensor.
  public var gradients: ParameterSet<Float>
}

extension FinetuneModel {
  /// Runs `views` (one `B × D` batch per view, rows aligned) through the model in training
  /// mode and returns the loss `objective + Σ_views R(adapted view)` and its gradients.
  /// BatchNorm running statistics (and nothing else) change.
  public mutating func step(
    views: [Tensor<Float>], objective: FinetuneObjective, regularizer: QScoreRegularizer, context: ExecutionContext
  ) -> StepOutcome {
    precondition(views.count == objective.views, "\(objective.rawValue) takes \(objective.views) views")
    var adapted: [Tensor<Float>] = [], adapterTapes: [Tape<Float>] = []
    var regularization = 0.0, qMean = 0.0, empty = 0.0, active = 0.0
    var adaptedGradients: [Tensor<Float>] = []
    for view in views {
      let (a, tape) = adapter.forward(view, training: true)
      let selection = regularizer.select(a, context: context)
      let r: ObjectiveValue<Float> = regularizer.evaluate(a, selection: selection)
      regularization += r.value
      qMean += selection.alpha
      empty += Double(selection.terms.count { $0.isEmpty }) / Double(max(1, a.rows))
      active += Self.activeColumns(a) / max(1, Self.activeColumns(view))
      adapted.append(a)
      adapterTapes.append(tape)
      adaptedGradients.append(r.gradients[0])
    }
    let (value, headGradients, headParameters) = objectiveStep(adapted, views: views, objective: objective)
    var gradients = headParameters
    for k in views.indices {
      let (_, grads) = adapter.backward(adaptedGradients[k] + headGradients[k], tape: adapterTapes[k], inputGradient: false)
      gradients = gradients.adding(grads.prefixed("adapter"))
    }
    let count = Double(views.count)
    return StepOutcome(
      objective: value, regularizer: regularization, qMean: qMean / count, emptyShare: empty / count,
      activeShare: active / count, gradients: gradients)
  }

  /// The objective on the adapted views: its value, its gradient with respect to each
  /// adapted view, and the gradients of the head parameters.
  private mutating func objectiveStep(
    _ adapted: [Tensor<Float>], views: [Tensor<Float>], objective: FinetuneObjective
  ) -> (Double, [Tensor<Float>], ParameterSet<Float>) {
    var projected: [Tensor<Float>] = [], projectionTapes: [Tape<Float>] = []
    for a in adapted {
      let (z, tape) = projection.forward(a, training: true)
      projected.append(z)
      projectionTapes.append(tape)
    }
    var projectionGradients: [Tensor<Float>]
    var value: Double
    var headGradients = ParameterSet<Float>()
    switch objective {
    case .simclr, .vicreg, .barlowtwins:
      let result =
        switch objective {
        case .simclr: NTXent(temperature: 0.5).evaluate(projected[0], projected[1])
        case .vicreg: VICReg().evaluate(projected[0], projected[1])
        default: BarlowTwins().evaluate(projected[0], projected[1])
        }
      value = result.value
      projectionGradients = result.gradients
    case .byol, .simsiam:
      guard var predictor = prediction else { preconditionFailure("\(objective.rawValue) needs a prediction head") }
      var predicted: [Tensor<Float>] = [], predictionTapes: [Tape<Float>] = []
      for z in projected {
        let (p, tape) = predictor.forward(z, training: true)
        predicted.append(p)
        predictionTapes.append(tape)
      }
      prediction = predictor
      // Targets: the momentum network's projections (BYOL) or the projections themselves
      // with the gradient stopped (SimSiam).
      let targets = objective == .byol ? momentumProjections(views) : projected
      let cosine = NegativeCosine()
      let first = cosine.evaluate(predicted[0], targets[1]), second = cosine.evaluate(predicted[1], targets[0])
      value = (first.value + second.value) / 2
      projectionGradients = []
      for (k, g) in [first.gradients[0], second.gradients[0]].enumerated() {
        let (dz, grads) = predictor.backward(g * 0.5, tape: predictionTapes[k])
        headGradients = headGradients.adding(grads.prefixed("prediction_head"))
        projectionGradients.append(dz)
      }
    }
    var adaptedGradients: [Tensor<Float>] = []
    for k in adapted.indices {
      let (da, grads) = projection.backward(projectionGradients[k], tape: projectionTapes[k])
      headGradients = headGradients.adding(grads.prefixed("projection_head"))
      adaptedGradients.append(da)
    }
    return (value, adaptedGradients, headGradients)
  }

  /// The momentum target's projections of `views` (training-mode BatchNorm, as the online
  /// network), without gradients.
  private mutating func momentumProjections(_ views: [Tensor<Float>]) -> [Tensor<Float>] {
    guard var a = targetAdapter, var p = targetProjection else { preconditionFailure("no momentum target") }
    let out = views.map { p(a($0, training: true), training: true) }
    targetAdapter = a
    targetProjection = p
    return out
  }

  /// Number of columns of `x` with at least one positive entry.
  static func activeColumns(_ x: Tensor<Float>) -> Double {
    let d = x.columns
    var seen = [Bool](repeating: false, count: d)
    x.scalars.withUnsafeBufferPointer { v in
      for i in 0..<x.rows { for j in 0..<d where v[i * d + j] > 0 { seen[j] = true } }
    }
    return Double(seen.count { $0 })
  }
}

extension ParameterSet where Scalar == Float {
  /// The element-wise sum with `other`, by name (names only in one set are kept as they are).
  func adding(_ other: ParameterSet<Float>) -> ParameterSet<Float> {
    var out = self
    for (name, tensor) in zip(other.names, other.tensors) {
      if let existing = out[name] { out[name] = existing + tensor } else { out[name] = tensor }
    }
    return out
  }
}
