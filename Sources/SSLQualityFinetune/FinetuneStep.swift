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
  /// Besides BatchNorm running statistics, the method's state moves as the method moves
  /// it: SwAV's prototypes are L2-normalised first, MoCo's queue takes the step's keys, DINO's
  /// centre its teacher outputs (the momentum target is moved by the caller, after the
  /// optimiser's update).
  public mutating func step(views: [Tensor<Float>], settings: FinetuneSettings, regularizer: QScoreRegularizer, context: ExecutionContext)
    -> StepOutcome
  {
    let objective = settings.objective
    precondition(objective.isMultiCrop ? views.count >= 2 : views.count == 2, "\(objective.rawValue): wrong number of views")
    prototypes?.normalizeRows()
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
    let (value, headGradients, headParameters) = objectiveStep(adapted, views: views, settings: settings)
    var gradients = headParameters
    for k in views.indices {
      let total = headGradients[k].map { adaptedGradients[k] + $0 } ?? adaptedGradients[k]
      let (_, grads) = adapter.backward(total, tape: adapterTapes[k], inputGradient: false)
      gradients = gradients.adding(grads.prefixed("adapter"))
    }
    let count = Double(views.count)
    return StepOutcome(
      objective: value, regularizer: regularization, qMean: qMean / count, emptyShare: empty / count,
      activeShare: active / count, gradients: gradients)
  }

  /// The objective on the adapted views: its value, its gradient with respect to each
  /// adapted view (`nil` for a view the objective does not see through the online
  /// network: MoCo's key), and the gradients of the head parameters.
  private mutating func objectiveStep(_ adapted: [Tensor<Float>], views: [Tensor<Float>], settings: FinetuneSettings)
    -> (Double, [Tensor<Float>?], ParameterSet<Float>)
  {
    let objective = settings.objective
    // The online head on the views the objective needs (MoCo: the query alone).
    let online = objective == .moco ? Array(adapted.prefix(1)) : adapted
    var outputs: [Tensor<Float>] = [], tapes: [HeadTape] = []
    for a in online {
      let (z, tape) = headForward(a)
      outputs.append(z)
      tapes.append(tape)
    }
    var outputGradients: [Tensor<Float>]
    var value: Double
    var headGradients = ParameterSet<Float>()
    switch objective {
    case .simclr, .vicreg, .barlowtwins, .swav:
      let result =
        switch objective.loss {
        case .ntxent: NTXent().evaluate(outputs[0], outputs[1])
        case .vicreg: VICReg().evaluate(outputs[0], outputs[1])
        case .swav: SwAV().evaluate(high: Array(outputs.prefix(2)), low: Array(outputs.dropFirst(2)))
        default: BarlowTwins().evaluate(outputs[0], outputs[1])
        }
      value = result.value
      outputGradients = result.gradients
    case .moco:
      guard let bank = memoryBank else { preconditionFailure("moco needs a memory bank") }
      // lightly's NTXentLoss with a memory bank: the query (view 1) against the target's
      // key of view 2 and the queue; then the key, normalised, joins the queue.
      let key = targetOutputs(Array(views[1...1]))[0]
      let result = NTXentMemoryBank().evaluate(outputs[0], key, bank: bank)
      value = result.value
      outputGradients = [result.gradients[0]]
      enqueue(L2Normalize<Float>.normalize(key).0)
    case .dino:
      guard let c = center else { preconditionFailure("dino needs a centre") }
      // The teacher sees the two global views, the student every view.
      let (result, updated) = settings.dino.evaluate(teacher: targetOutputs(Array(views.prefix(2))), student: outputs, center: c)
      value = result.value
      outputGradients = Array(result.gradients.dropFirst(2))
      center = updated
    case .byol, .simsiam:
      guard var predictor = prediction else { preconditionFailure("\(objective.rawValue) needs a prediction head") }
      var predicted: [Tensor<Float>] = [], predictionTapes: [Tape<Float>] = []
      for z in outputs {
        let (p, tape) = predictor.forward(z, training: true)
        predicted.append(p)
        predictionTapes.append(tape)
      }
      prediction = predictor
      // Targets: the momentum network's projections (BYOL) or the projections themselves
      // with the gradient stopped (SimSiam).
      let targets = objective == .byol ? targetOutputs(views) : outputs
      let cosine = NegativeCosine()
      let first = cosine.evaluate(predicted[0], targets[1]), second = cosine.evaluate(predicted[1], targets[0])
      value = (first.value + second.value) / 2
      outputGradients = []
      for (k, g) in [first.gradients[0], second.gradients[0]].enumerated() {
        let (dz, grads) = predictor.backward(g * 0.5, tape: predictionTapes[k])
        headGradients = headGradients.adding(grads.prefixed("prediction_head"))
        outputGradients.append(dz)
      }
    }
    var adaptedGradients = [Tensor<Float>?](repeating: nil, count: adapted.count)
    for k in online.indices {
      let (da, grads) = headBackward(outputGradients[k], tape: tapes[k])
      headGradients = headGradients.adding(grads)
      adaptedGradients[k] = da
    }
    return (value, adaptedGradients, headGradients)
  }

  /// The tapes of one pass through the online head.
  private struct HeadTape {
    var projection: Tape<Float>
    /// The L2 normalisation and the layer after it (DINO's last layer, SwAV's prototypes).
    var normalization: Tape<Float>?, tail: Tape<Float>?
  }

  /// The online head on an adapted batch: the projection, then for DINO and SwAV an L2
  /// normalisation and the last layer or prototypes.
  private mutating func headForward(_ a: Tensor<Float>) -> (Tensor<Float>, HeadTape) {
    let (z, projectionTape) = projection.forward(a, training: true)
    var tape = HeadTape(projection: projectionTape)
    let tail: (Tensor<Float>) -> (output: Tensor<Float>, tape: Tape<Float>)
    if let lastLayer {
      tail = { lastLayer.forward($0, training: true) }
    } else if let prototypes {
      tail = { prototypes.forward($0, training: true) }
    } else {
      return (z, tape)
    }
    let (u, normalizationTape) = L2Normalize<Float>().forward(z, training: true)
    let (y, tailTape) = tail(u)
    tape.normalization = normalizationTape
    tape.tail = tailTape
    return (y, tape)
  }

  /// Gradients of the online head: with respect to its input and its parameters (model names).
  private func headBackward(_ gradient: Tensor<Float>, tape: HeadTape) -> (Tensor<Float>, ParameterSet<Float>) {
    var g = gradient
    var grads = ParameterSet<Float>()
    if let tail = tape.tail, let normalization = tape.normalization {
      if let lastLayer {
        let (du, dl) = lastLayer.backward(g, tape: tail)
        g = du
        grads = dl.prefixed("projection_head.last_layer")
      } else if let prototypes {
        let (du, dp) = prototypes.backward(g, tape: tail)
        g = du
        grads = dp.prefixed("prototypes")
      }
      g = L2Normalize<Float>().backward(g, tape: normalization).input
    }
    let (da, dp) = projection.backward(g, tape: tape.projection)
    return (da, dp.prefixed("projection_head") + grads)
  }

  /// The momentum target's outputs for `views` (adapter, projection and, for DINO, the
  /// normalised last layer; training-mode BatchNorm, as the online network), without
  /// gradients.
  private mutating func targetOutputs(_ views: [Tensor<Float>]) -> [Tensor<Float>] {
    guard var a = targetAdapter, var p = targetProjection else { preconditionFailure("no momentum target") }
    let out = views.map { view -> Tensor<Float> in
      let z = p(a(view, training: true), training: true)
      guard var last = targetLastLayer else { return z }
      return last(L2Normalize<Float>.normalize(z).0, training: true)
    }
    targetAdapter = a
    targetProjection = p
    return out
  }

  /// lightly's queue update: the keys overwrite the rows from the pointer on; a batch that
  /// reaches the end fills the queue up to its end (the rest of the batch is dropped) and
  /// the pointer returns to 0.
  private mutating func enqueue(_ keys: Tensor<Float>) {
    guard var bank = memoryBank else { return }
    let size = bank.rows, d = bank.columns, b = keys.rows
    let count = memoryBankPointer + b >= size ? size - memoryBankPointer : b
    bank.scalars.replaceSubrange((memoryBankPointer * d)..<((memoryBankPointer + count) * d), with: keys.scalars[0..<(count * d)])
    memoryBankPointer = memoryBankPointer + b >= size ? 0 : memoryBankPointer + b
    memoryBank = bank
  }

  /// Number of columns of `x` with at least one positive entry.
  /// (A running column maximum: a branch-free loop the compiler vectorises.)
  static func activeColumns(_ x: Tensor<Float>) -> Double {
    Double(x.columnMaxima(floor: 0).count { $0 > 0 })
  }
}

extension SwAVPrototypes where Scalar == Float {
  /// Divides every prototype (row of the weight) by its L2 norm, as lightly's
  /// `SwaVPrototypes.normalize()` does before every step; the bias is left as it is.
  mutating func normalizeRows() {
    head.weight.divideRows(by: head.weight.rowNorms().map { Float($0) })
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
