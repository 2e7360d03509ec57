// ssl-quality · BatchNorm1d.swift — batch normalisation over the rows of a batch.

/// Batch normalisation of each feature over the batch, as PyTorch's `BatchNorm1d`:
///
/// ```
/// training:  y = (x − mean_B) / √(var_B + eps) · weight + bias      (var_B biased)
///            running_mean ← (1 − momentum) running_mean + momentum mean_B
///            running_var  ← (1 − momentum) running_var  + momentum var_B · B/(B − 1)
/// evaluation: y = (x − running_mean) / √(running_var + eps) · weight + bias
/// ```
///
/// Defaults `eps = 1e-5`, `momentum = 0.1`; `affine: false` drops `weight` and `bias`.
/// Batch statistics are accumulated in `Double`. Backward in training mode:
/// `∂x = (1/B) · inv · (B ĝ − Σ ĝ − x̂ Σ ĝ x̂)` with `ĝ = ∂y · weight`, `inv = 1/√(var_B + eps)`.
public struct BatchNorm1d<Scalar: TrainingScalar>: Layer {
  public var weight: Tensor<Scalar>?, bias: Tensor<Scalar>?
  public var runningMean: Tensor<Scalar>, runningVar: Tensor<Scalar>
  /// Number of training batches seen (PyTorch's `num_batches_tracked`).
  public var batchesTracked = 0
  public let eps: Double, momentum: Double

  /// A layer over `features` features: weight 1, bias 0, running mean 0, running variance 1.
  public init(features: Int, affine: Bool = true, eps: Double = 1e-5, momentum: Double = 0.1) {
    weight = affine ? Tensor(shape: [features], repeating: 1) : nil
    bias = affine ? Tensor(shape: [features], repeating: 0) : nil
    runningMean = Tensor(shape: [features], repeating: 0)
    runningVar = Tensor(shape: [features], repeating: 1)
    self.eps = eps
    self.momentum = momentum
  }

  public var features: Int { runningMean.count }

  public var parameters: ParameterSet<Scalar> {
    get {
      guard let weight, let bias else { return ParameterSet() }
      return ParameterSet([("weight", weight), ("bias", bias)])
    }
    set {
      if weight != nil { weight = newValue["weight"]!; bias = newValue["bias"]! }
    }
  }

  public var buffers: ParameterSet<Scalar> {
    get { ParameterSet([("running_mean", runningMean), ("running_var", runningVar)]) }
    set {
      runningMean = newValue["running_mean"]!
      runningVar = newValue["running_var"]!
    }
  }

  public mutating func forward(_ input: Tensor<Scalar>, training: Bool) -> (output: Tensor<Scalar>, tape: Tape<Scalar>) {
    let b = input.rows, n = input.columns
    precondition(n == features, "BatchNorm1d: input has \(n) features, expected \(features)")
    var scale = [Double](repeating: 0, count: n), shift = [Double](repeating: 0, count: n)
    var inverse = [Double](repeating: 0, count: n)
    if training {
      precondition(b > 1, "BatchNorm1d needs more than one sample per batch in training")
      var mean = input.columnSumsInDouble()
      for j in 0..<n { mean[j] /= Double(b) }
      let squares = input.centredColumnSquares(mean: mean)
      for j in 0..<n {
        let variance = squares[j] / Double(b)
        inverse[j] = 1 / (variance + eps).squareRoot()
        scale[j] = inverse[j]
        shift[j] = -mean[j] * inverse[j]
        runningMean.scalars[j] = Scalar((1 - momentum) * Double(runningMean.scalars[j]) + momentum * mean[j])
        runningVar.scalars[j] = Scalar(
          (1 - momentum) * Double(runningVar.scalars[j]) + momentum * squares[j] / Double(b - 1))
      }
      batchesTracked += 1
    } else {
      for j in 0..<n {
        inverse[j] = 1 / (Double(runningVar.scalars[j]) + eps).squareRoot()
        scale[j] = inverse[j]
        shift[j] = -Double(runningMean.scalars[j]) * inverse[j]
      }
    }
    // x̂ = x · scale + shift; y = x̂ · weight + bias.
    let (normalized, output) = input.affineColumns(
      scale: scale.map { Scalar($0) }, shift: shift.map { Scalar($0) }, then: weight?.scalars, bias?.scalars)
    // Saved: x̂, 1/√(var + eps) per feature, and whether batch statistics were used.
    let mode = Tensor<Scalar>(shape: [1], repeating: training ? 1 : 0)
    return (output, Tape(saved: [normalized, Tensor(shape: [n], scalars: inverse.map { Scalar($0) }), mode]))
  }

  public func backward(_ gradient: Tensor<Scalar>, tape: Tape<Scalar>) -> (input: Tensor<Scalar>, parameters: ParameterSet<Scalar>) {
    let xhat = tape.saved[0], inverse = tape.saved[1].scalars
    let training = tape.saved[2].scalars[0] != 0
    let b = gradient.rows, n = gradient.columns
    let (sumG, sumGX) = gradient.columnSumsAndDots(xhat)
    var grads = ParameterSet<Scalar>()
    if weight != nil {
      grads["weight"] = Tensor(shape: [n], scalars: sumGX.map { Scalar($0) })
      grads["bias"] = Tensor(shape: [n], scalars: sumG.map { Scalar($0) })
    }
    let w = weight?.scalars.map { Double($0) } ?? [Double](repeating: 1, count: n)
    var dx = gradient
    // With ĝ = ∂y·w: ∂x = inv·(ĝ − mean ĝ − x̂ · mean(ĝ x̂)) in training, inv·ĝ in evaluation.
    let a = (0..<n).map { Scalar(w[$0] * Double(inverse[$0])) }
    let meanG = (0..<n).map { Scalar(training ? sumG[$0] / Double(b) : 0) }
    let meanGX = (0..<n).map { Scalar(training ? sumGX[$0] / Double(b) : 0) }
    dx.subtractColumnTerms(meanG, xhat, times: meanGX, thenMultiplyBy: a)
    return (dx, grads)
  }
}
