// ssl-quality · NTXentMemoryBank.swift — MoCo's contrastive loss against a bank of negatives.

/// NT-Xent with a memory bank of negatives (MoCo), as lightly's `NTXentLoss` with
/// `memory_bank_size > 0`. With `â_i`, `b̂_i` the L2-normalised rows of the two views
/// (`B × d`; `b` is the momentum encoder's) and `n̂_k` the L2-normalised rows of the bank
/// (`K × d`), each query `â_i` is classified among its positive `b̂_i` and the `K` negatives:
///
/// ```
/// L = 1/B · Σ_i [ −â_i·b̂_i/τ + log( exp(â_i·b̂_i/τ) + Σ_k exp(â_i·n̂_k/τ) ) ]
/// ```
///
/// One direction only. Gradients with respect to `a`, `b` and the bank (lightly treats
/// the bank and usually `b` as constants; a training loop simply ignores those).
/// Updating the bank (enqueueing `b̂`) is the training loop's business.
public struct NTXentMemoryBank: Sendable {
  public var temperature: Double

  /// - Parameter temperature: `τ`, by default NT-Xent's (``NTXent/defaultTemperature``).
  public init(temperature: Double = NTXent.defaultTemperature) {
    precondition(abs(temperature) >= 1e-8, "temperature must not be 0")
    self.temperature = temperature
  }

  /// Value and gradients with respect to `view0`, `view1` (`B × d`) and `bank` (`K × d`).
  public func evaluate<Scalar>(_ view0: Tensor<Scalar>, _ view1: Tensor<Scalar>, bank: Tensor<Scalar>) -> ObjectiveValue<Scalar> {
    precondition(view0.shape == view1.shape && view0.shape.count == 2, "NT-Xent needs two B × d views")
    precondition(bank.shape.count == 2 && bank.columns == view0.columns, "the bank's rows must have d entries")
    let b = view0.rows, d = view0.columns, k = bank.rows
    let (a, normsA) = L2Normalize.normalize(view0)
    let (p, normsP) = L2Normalize.normalize(view1)
    let (negatives, normsN) = L2Normalize.normalize(bank)
    let negativeLogits = a.matmul(negatives, otherTransposed: true)  // B × K
    let scale = 1 / temperature
    var loss = 0.0
    var gNeg = [Scalar](repeating: 0, count: b * k)
    var da = [Double](repeating: 0, count: b * d), dp = da
    var row = [Scalar](repeating: 0, count: k + 1), probabilities = [Double](repeating: 0, count: k + 1)
    for i in 0..<b {
      var positive = 0.0
      for j in 0..<d { positive += Double(a[i, j]) * Double(p[i, j]) }
      row[0] = Scalar(positive)
      for c in 0..<k { row[c + 1] = negativeLogits[i, c] }
      let logSum = Softmax.row(row, count: k + 1, scale: scale, into: &probabilities)
      loss += logSum - Double(row[0]) * scale
      // ∂L/∂logit: (softmax − onehot)/B; logits are similarities/τ.
      let gPositive = (probabilities[0] - 1) * scale / Double(b)
      for c in 0..<k { gNeg[i * k + c] = Scalar(probabilities[c + 1] * scale / Double(b)) }
      for j in 0..<d {
        da[i * d + j] = gPositive * Double(p[i, j])
        dp[i * d + j] = gPositive * Double(a[i, j])
      }
    }
    let g = Tensor(rows: b, columns: k, scalars: gNeg)
    var dA = Tensor(rows: b, columns: d, scalars: da.map { Scalar($0) })
    dA.addProduct(g, negatives)
    let dN = g.matmul(transposed: true, a)
    return ObjectiveValue(
      value: loss / Double(b),
      gradients: [
        L2Normalize.backward(dA, normalized: a, norms: normsA),
        L2Normalize.backward(Tensor(rows: b, columns: d, scalars: dp.map { Scalar($0) }), normalized: p, norms: normsP),
        L2Normalize.backward(dN, normalized: negatives, norms: normsN),
      ])
  }
}
