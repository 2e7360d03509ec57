// ssl-quality · QScoreRegularizer.swift — the Q-Score regulariser for fine-tuning.

import SSLQuality

/// The Q-Score regulariser on a batch representation `Z` (`B × D`):
///
/// ```
/// R = −λ1 · Σ_{i : Q_i < α} Q_i  +  λ2 · Σ_{j : ‖Z_:,j‖₁ > β} ‖Z_:,j‖₁
/// ```
///
/// `Q_i` is the Q-Score of row `i` (the mean of `z_ik − μ_i` over `S_i = L_i ∩ Dset`, 0 when
/// `S_i` is empty), with `L_i` and `Dset` computed on the batch by the library's own
/// ``ActivationProfile`` and ``DiscriminativeFeatures`` (same ε and band rules as
/// `features`); `α` is the batch mean of `Q`, `β` the batch mean of the column L1 norms,
/// `λ1 = λ2 = 1e-4`. The first term lifts low-quality samples, the second shrinks the
/// dominant feature columns.
///
/// For the gradient, `L_i`, `Dset`, `α`, `β` and both selected sets are constants (a
/// ``Selection``) while `μ_i` stays a function of `Z`:
/// `∂Q_i/∂z_ik = [k ∈ S_i]/|S_i| − 1/D` for non-empty `S_i` (0 otherwise) and
/// `∂‖Z_:,j‖₁/∂z_ij = sign(z_ij)` (0 at 0).
public struct QScoreRegularizer: Sendable {
  public var epsilon: Double, band: ClosedRange<Double>, lambda1: Double, lambda2: Double

  /// The defaults of `ε`, the percentile band of `Dset`, `λ1` and `λ2` (also fine-tuning's).
  public static let defaultEpsilon = 4.0, defaultBand: ClosedRange<Double> = 50...95, defaultLambda1 = 1e-4, defaultLambda2 = 1e-4

  public init(
    epsilon: Double = QScoreRegularizer.defaultEpsilon, band: ClosedRange<Double> = QScoreRegularizer.defaultBand,
    lambda1: Double = QScoreRegularizer.defaultLambda1, lambda2: Double = QScoreRegularizer.defaultLambda2
  ) {
    self.epsilon = epsilon
    self.band = band
    self.lambda1 = lambda1
    self.lambda2 = lambda2
  }

  /// What the gradient holds constant: the sets and thresholds found on one batch.
  public struct Selection: Sendable, Equatable {
    /// `S_i = L_i ∩ Dset` per row, ascending.
    public var terms: [[Int]]
    /// Rows with `Q_i < α`.
    public var lowRows: [Int]
    /// Columns with `‖Z_:,j‖₁ > β`.
    public var heavyColumns: [Int]
    /// `α` (mean Q) and `β` (mean column L1 norm).
    public var alpha: Double, beta: Double
    /// `|Dset|` on the batch.
    public var discriminativeCount: Int
  }

  /// Finds `L_i`, `Dset`, `Q`, `α`, `β` and the selected rows and columns of `z`.
  ///
  /// - Precondition: `z` is finite.
  public func select<Scalar>(_ z: Tensor<Scalar>, context: ExecutionContext = .serial) -> Selection {
    let n = z.rows, d = z.columns
    let matrix = Matrix(rows: n, columns: d, values: z.scalars.map { Float($0) })
    let profile = ActivationProfile.measure(matrix, epsilon: epsilon, context: context)
    let discriminative = DiscriminativeFeatures(frequencies: profile.activationFrequency, band: band)
    let q = QScores(profile: profile, discriminative: discriminative, context: context).values
    let terms = (0..<n).map { row in profile.highlyActive(row).map(\.feature).filter { discriminative.membership[$0] } }
    let alpha = q.reduce(0, +) / Double(max(1, n))
    var norms = [Double](repeating: 0, count: d)
    for i in 0..<n { for j in 0..<d { norms[j] += abs(Double(z[i, j])) } }
    let beta = norms.reduce(0, +) / Double(max(1, d))
    return Selection(
      terms: terms, lowRows: (0..<n).filter { q[$0] < alpha }, heavyColumns: (0..<d).filter { norms[$0] > beta },
      alpha: alpha, beta: beta, discriminativeCount: discriminative.count)
  }

  /// `R` and `∂R/∂Z` with the sets chosen on `z` itself.
  public func evaluate<Scalar>(_ z: Tensor<Scalar>, context: ExecutionContext = .serial) -> ObjectiveValue<Scalar> {
    evaluate(z, selection: select(z, context: context))
  }

  /// `R` and `∂R/∂Z` for a fixed ``Selection`` (a smooth function of `Z` once the sets are
  /// fixed, which is what a finite-difference check verifies).
  public func evaluate<Scalar>(_ z: Tensor<Scalar>, selection: Selection) -> ObjectiveValue<Scalar> {
    let n = z.rows, d = z.columns
    precondition(selection.terms.count == n, "selection made for another batch")
    var gradient = [Double](repeating: 0, count: n * d)
    var lift = 0.0
    for i in selection.lowRows {
      let terms = selection.terms[i]
      guard !terms.isEmpty else { continue }
      var rowSum = 0.0, termSum = 0.0
      for j in 0..<d { rowSum += Double(z[i, j]) }
      for k in terms { termSum += Double(z[i, k]) }
      let count = Double(terms.count)
      lift += termSum / count - rowSum / Double(d)
      for j in 0..<d { gradient[i * d + j] += lambda1 / Double(d) }
      for k in terms { gradient[i * d + k] -= lambda1 / count }
    }
    var shrink = 0.0
    for j in selection.heavyColumns {
      for i in 0..<n {
        let v = Double(z[i, j])
        shrink += abs(v)
        gradient[i * d + j] += v > 0 ? lambda2 : (v < 0 ? -lambda2 : 0)
      }
    }
    return ObjectiveValue(
      value: -lambda1 * lift + lambda2 * shrink, gradients: [Tensor(shape: z.shape, scalars: gradient.map { Scalar($0) })])
  }
}
