// ssl-quality · SecondMoments.swift — the sums a matrix's spectrum is computed from.

/// The sums over rows `h_i` (`1 × D`) that every spectral measure needs, gathered from
/// blocks of rows and merged by addition:
///
/// ```
/// n,   s = Σ_i h_i,   G = Σ_i h_iᵀ h_i   (the D × D Gram matrix, upper triangle),
/// nonzero_j = ∃ i : h_ij ≠ 0,
/// z_i = h_i / ‖h_i‖₂ (0 for a zero row),   Σ_i z_i,   Σ_i z_i²  (element-wise)
/// ```
///
/// From them: the uncentred Gram `G`, the centred one `G − s sᵀ / n`, the population
/// covariance `(G − s sᵀ / n) / n`, and the per-feature standard deviation of the
/// normalised rows. Everything is accumulated in `Double`; the Gram matrix of a block is
/// one ``BLAS/addGram(_:rows:columns:into:)`` on the block converted to `Double` (products
/// of two `Float`s are exact in `Double`). Rows holding NaN or ±∞ must be left out by the
/// caller. Without ``hasGram`` only the per-feature sums are kept (the spectrum of a matrix
/// with fewer rows than columns comes from its rows' Gram matrix instead, ``SampleGram``).
///
/// - Complexity: O(D²) memory with the Gram matrix, O(D) without; O(rows · D²) time per
///   block (BLAS), O(rows · D) without the Gram matrix.
/// `Codable` as (part of) a row pass's partial state, to be written out and merged across shards.
public struct SecondMoments: Sendable, Equatable, Codable {
  /// Number of columns `D`.
  public let columns: Int
  /// Number of rows added.
  public private(set) var count = 0
  /// `Σ_i h_i`.
  public private(set) var sum: [Double]
  /// `Σ_i h_iᵀ h_i`, row-major, upper triangle filled (the lower one is zero); empty
  /// without ``hasGram``.
  public private(set) var gram: [Double]
  /// Whether feature `j` was ever non-zero.
  public private(set) var nonzero: [Bool]
  /// `Σ_i z_i` and `Σ_i z_i²` of the L2-normalised rows.
  public private(set) var normalizedSum: [Double]
  public private(set) var normalizedSquares: [Double]

  /// No rows yet; `gram: false` keeps the per-feature sums only.
  public init(columns: Int, gram: Bool = true) {
    self.columns = columns
    sum = [Double](repeating: 0, count: columns)
    self.gram = gram ? [Double](repeating: 0, count: columns * columns) : []
    nonzero = [Bool](repeating: false, count: columns)
    normalizedSum = sum
    normalizedSquares = sum
  }

  /// Adds the rows of `rows`.
  ///
  /// - Precondition: `rows` has ``columns`` columns.
  package mutating func add(rows: MatrixView) {
    precondition(rows.columns == columns, "SecondMoments.add: \(rows.columns) columns, expected \(columns)")
    let rowCount = rows.rows
    guard rowCount > 0, columns > 0 else {
      count += rowCount
      return
    }
    let d = columns
    var block = [Double](repeating: 0, count: rowCount * d)
    rows.withElements { values in
      for i in values.indices { block[i] = Double(values[i]) }
    }
    if hasGram { BLAS.addGram(block, rows: rowCount, columns: d, into: &gram) }
    for r in 0..<rowCount {
      var squares = 0.0
      for j in 0..<d {
        let v = block[r * d + j]
        sum[j] += v
        squares += v * v
        if v != 0 { nonzero[j] = true }
      }
      guard squares > 0 else { continue }
      let inverse = 1 / squares.squareRoot()
      for j in 0..<d {
        let z = block[r * d + j] * inverse
        normalizedSum[j] += z
        normalizedSquares[j] += z * z
      }
    }
    count += rowCount
  }

  /// Whether the `D × D` Gram matrix is kept.
  public var hasGram: Bool { gram.count == columns * columns && columns > 0 }

  /// Gives up the Gram matrix (left empty), so a caller can decompose it in place.
  mutating func takeGram() -> [Double] {
    var taken: [Double] = []
    swap(&taken, &gram)
    return taken
  }

  /// Adds the sums of other rows.
  ///
  /// - Precondition: the same number of columns, both with or both without the Gram matrix.
  public mutating func add(_ other: SecondMoments) {
    precondition(other.columns == columns && other.gram.count == gram.count, "SecondMoments.add: \(other.columns) columns, expected \(columns)")
    count += other.count
    for j in 0..<columns {
      sum[j] += other.sum[j]
      normalizedSum[j] += other.normalizedSum[j]
      normalizedSquares[j] += other.normalizedSquares[j]
      nonzero[j] = nonzero[j] || other.nonzero[j]
    }
    for k in gram.indices { gram[k] += other.gram[k] }
  }

  /// The centred Gram matrix `G − s sᵀ / n` (upper triangle), i.e. `n` times the population covariance.
  public var centeredGram: [Double] {
    guard count > 0, hasGram else { return gram }
    var centred = gram
    let n = Double(count)
    for a in 0..<columns {
      for b in a..<columns { centred[a * columns + b] -= sum[a] * sum[b] / n }
    }
    return centred
  }
}
