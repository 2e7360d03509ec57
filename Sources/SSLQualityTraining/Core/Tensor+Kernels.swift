// ssl-quality · Tensor+Kernels.swift — the element-wise, row-wise and column-wise loops (and the row softmax) layers, objectives and heads are written with.

import SSLQuality

// Every kernel is one pass over row-major storage with the arithmetic written out in the
// doc comment, element by element in index order; sums run in `Double` in row order
// (column kernels) or column order (row kernels), so results do not depend on the
// caller. The loops have no closures and no per-element allocation, and the branch-free
// ones vectorise. Row and column coefficients (`[Scalar]` or `[Double]`) are indexed by row
// `i` or column `j` of a 2-D tensor (`rows × columns`). The generic kernels the fine-tuning
// target calls are `@inlinable`, so that they are specialised for `Float` there too.

// MARK: - Element-wise

extension Tensor {
  /// Sum of all elements, accumulated in `Double`.
  public func sum() -> Double { scalars.reduce(0) { $0 + Double($1) } }

  /// Element-wise sum, into a new buffer, in chunks over the threads of the enclosing
  /// product scope (large gradients are summed over views every step).
  public static func + (lhs: Tensor, rhs: Tensor) -> Tensor {
    precondition(lhs.shape == rhs.shape, "shapes \(lhs.shape) and \(rhs.shape) differ")
    let sum = [Scalar](unsafeUninitializedCapacity: lhs.count) { buffer, initialized in
      let out = buffer
      lhs.scalars.withUnsafeBufferPointer { l in
        rhs.scalars.withUnsafeBufferPointer { r in
          ExecutionContext.forEachChunk(out.count) { range in
            for i in range { out.initializeElement(at: i, to: l[i] + r[i]) }
          }
        }
      }
      initialized = lhs.count
    }
    return Tensor(shape: lhs.shape, scalars: sum)
  }

  /// Every element times `factor`.
  public static func * (lhs: Tensor, factor: Scalar) -> Tensor {
    var out = lhs
    out.scalars.withUnsafeMutableBufferPointer { o in for i in o.indices { o[i] *= factor } }
    return out
  }

  /// `x ← max(x, 0)` with NaN sent to 0 as well: every element that is not `> 0` set to 0.
  package mutating func zeroNonPositive() {
    scalars.withUnsafeMutableBufferPointer { v in for i in v.indices where !(v[i] > 0) { v[i] = 0 } }
  }

  /// `x_k ← 0` wherever `mask_k` is not `> 0` (a ReLU's backward with `mask` its output).
  package mutating func zero(whereNotPositive mask: Tensor) {
    precondition(mask.count == count, "zero(whereNotPositive:): \(mask.count) mask elements for \(count)")
    scalars.withUnsafeMutableBufferPointer { d in
      mask.scalars.withUnsafeBufferPointer { y in for i in d.indices where !(y[i] > 0) { d[i] = 0 } }
    }
  }

  /// `x_k ← max(x_k + other_k, 0)` (a residual connection followed by ReLU).
  package mutating func addRectified(_ other: Tensor) {
    precondition(other.count == count, "addRectified: \(other.count) elements for \(count)")
    scalars.withUnsafeMutableBufferPointer { out in
      other.scalars.withUnsafeBufferPointer { h in for i in out.indices { out[i] = max(out[i] + h[i], 0) } }
    }
  }
}

// MARK: - Row-wise

extension Tensor {
  /// The Euclidean norm of every row, `‖x_i‖₂ = √(Σ_j x_ij²)`, accumulated in `Double`
  /// in column order.
  public func rowNorms() -> [Double] {
    let n = columns
    return scalars.withUnsafeBufferPointer { v in
      (0..<rows).map { i in
        var s = 0.0
        for j in 0..<n { s += Double(v[i * n + j]) * Double(v[i * n + j]) }
        return s.squareRoot()
      }
    }
  }

  /// `Σ_j x_ij · y_ij` for every row `i`, accumulated in `Double` in column order.
  package func rowDots(_ other: Tensor) -> [Double] {
    precondition(other.rows == rows && other.columns == columns, "rowDots: shapes \(shape) and \(other.shape) differ")
    let n = columns
    return scalars.withUnsafeBufferPointer { x in
      other.scalars.withUnsafeBufferPointer { y in
        (0..<rows).map { i in
          var dot = 0.0
          for j in 0..<n { dot += Double(x[i * n + j]) * Double(y[i * n + j]) }
          return dot
        }
      }
    }
  }

  /// `x_ij ← x_ij · factors_i`.
  @inlinable package mutating func multiplyRows(by factors: [Scalar]) { updateRows(factors, dividing: false) }

  /// `x_ij ← x_ij / divisors_i`.
  @inlinable package mutating func divideRows(by divisors: [Scalar]) { updateRows(divisors, dividing: true) }

  /// `x_ij ← x_ij / c_i` or `x_ij · c_i` (the choice made once per row, outside the loop).
  @inlinable mutating func updateRows(_ c: [Scalar], dividing: Bool) {
    precondition(c.count == rows, "\(c.count) row coefficients for \(rows) rows")
    let m = rows, n = columns
    scalars.withUnsafeMutableBufferPointer { v in
      for i in 0..<m {
        let c = c[i]
        if dividing {
          for j in 0..<n { v[i * n + j] /= c }
        } else {
          for j in 0..<n { v[i * n + j] *= c }
        }
      }
    }
  }

  /// `x_ij ← a_i · x_ij − b_i · y_ij`.
  package mutating func scaleRows(by a: [Scalar], subtracting y: Tensor, scaledBy b: [Scalar]) {
    precondition(y.rows == rows && y.columns == columns, "scaleRows: shapes \(shape) and \(y.shape) differ")
    precondition(a.count == rows && b.count == rows, "scaleRows: one coefficient per row")
    let m = rows, n = columns
    scalars.withUnsafeMutableBufferPointer { d in
      y.scalars.withUnsafeBufferPointer { v in
        for i in 0..<m {
          let a = a[i], b = b[i]
          for j in 0..<n { d[i * n + j] = a * d[i * n + j] - b * v[i * n + j] }
        }
      }
    }
  }

  /// Row `i` only: `x_ij ← (x_ij − y_ij · p) · q` with `p = Scalar(Σ_j y_ij x_ij)` (the dot
  /// in `Double`): the component along `y_i` removed (exactly so for a unit `y_i`), then scaled.
  package mutating func removeRowProjection(_ i: Int, onto y: Tensor, thenMultiplyBy q: Scalar) {
    precondition(y.rows == rows && y.columns == columns && (0..<rows).contains(i), "removeRowProjection: bad row or shapes")
    let n = columns
    scalars.withUnsafeMutableBufferPointer { d in
      y.scalars.withUnsafeBufferPointer { v in
        var dot = 0.0
        for j in 0..<n { dot += Double(v[i * n + j]) * Double(d[i * n + j]) }
        let p = Scalar(dot)
        for j in 0..<n { d[i * n + j] = (d[i * n + j] - v[i * n + j] * p) * q }
      }
    }
  }

  /// Row `i` only: `x_ij ← x_ij · q`.
  package mutating func multiplyRow(_ i: Int, by q: Scalar) {
    precondition((0..<rows).contains(i), "multiplyRow: row \(i) of \(rows)")
    let n = columns
    scalars.withUnsafeMutableBufferPointer { d in
      for j in 0..<n { d[i * n + j] *= q }
    }
  }
}

// MARK: - Column-wise

extension Tensor {
  /// `Σ_i x_ij` for every column `j`, accumulated in `Double` in row order.
  package func columnSumsInDouble() -> [Double] {
    let n = columns
    var sums = [Double](repeating: 0, count: n)
    scalars.withUnsafeBufferPointer { x in
      for i in 0..<rows {
        let row = i * n
        for j in 0..<n { sums[j] += Double(x[row + j]) }
      }
    }
    return sums
  }

  /// Column sums of a 2-D tensor, accumulated in `Double`, as a 1-D tensor.
  public func columnSums() -> Tensor {
    Tensor(shape: [columns], scalars: columnSumsInDouble().map { Scalar($0) })
  }

  /// `Σ_i x_ij` and `Σ_i x_ij · y_ij` for every column `j`, both accumulated in `Double`
  /// in row order, in one pass.
  package func columnSumsAndDots(_ other: Tensor) -> (sums: [Double], dots: [Double]) {
    precondition(other.rows == rows && other.columns == columns, "columnSumsAndDots: shapes \(shape) and \(other.shape) differ")
    let n = columns
    var sums = [Double](repeating: 0, count: n), dots = sums
    scalars.withUnsafeBufferPointer { x in
      other.scalars.withUnsafeBufferPointer { y in
        for i in 0..<rows {
          for j in 0..<n {
            sums[j] += Double(x[i * n + j])
            dots[j] += Double(x[i * n + j]) * Double(y[i * n + j])
          }
        }
      }
    }
    return (sums, dots)
  }

  /// `Σ_i (x_ij − mean_j)²` for every column `j`, the difference and the sum in `Double`
  /// (in row order).
  package func centredColumnSquares(mean: [Double]) -> [Double] {
    precondition(mean.count == columns, "centredColumnSquares: \(mean.count) means for \(columns) columns")
    let n = columns
    var squares = [Double](repeating: 0, count: n)
    scalars.withUnsafeBufferPointer { x in
      for i in 0..<rows {
        for j in 0..<n {
          let d = Double(x[i * n + j]) - mean[j]
          squares[j] += d * d
        }
      }
    }
    return squares
  }

  /// `x_ij − mean_j`, the difference in `Double`, rounded once.
  package func subtractingColumns(_ mean: [Double]) -> Tensor {
    precondition(mean.count == columns, "subtractingColumns: \(mean.count) values for \(columns) columns")
    let n = columns
    var out = self
    out.scalars.withUnsafeMutableBufferPointer { c in
      for i in 0..<rows { for j in 0..<n { c[i * n + j] = Scalar(Double(c[i * n + j]) - mean[j]) } }
    }
    return out
  }

  /// `x̂_ij = x_ij · s_j + t_j` and, when `w` and `c` are given, `y_ij = x̂_ij · w_j + c_j`
  /// (`y = x̂` otherwise), in one pass.
  package func affineColumns(scale s: [Scalar], shift t: [Scalar], then w: [Scalar]?, _ c: [Scalar]?) -> (inner: Tensor, outer: Tensor) {
    precondition(s.count == columns && t.count == columns, "affineColumns: one scale and shift per column")
    precondition((w == nil) == (c == nil) && (w?.count ?? columns) == columns && (c?.count ?? columns) == columns, "affineColumns: bad outer coefficients")
    let m = rows, n = columns
    var inner = self
    guard let w, let c else {
      inner.scalars.withUnsafeMutableBufferPointer { xhat in
        for i in 0..<m { for j in 0..<n { xhat[i * n + j] = xhat[i * n + j] * s[j] + t[j] } }
      }
      return (inner, inner)
    }
    var outer = self
    inner.scalars.withUnsafeMutableBufferPointer { xhat in
      outer.scalars.withUnsafeMutableBufferPointer { y in
        for i in 0..<m {
          for j in 0..<n {
            let v = y[i * n + j] * s[j] + t[j]
            xhat[i * n + j] = v
            y[i * n + j] = v * w[j] + c[j]
          }
        }
      }
    }
    return (inner, outer)
  }

  /// `x_ij ← x_ij + v_j` (a bias added to every row).
  package mutating func addToEveryRow(_ v: Tensor) {
    precondition(v.count == columns, "addToEveryRow: \(v.count) values for \(columns) columns")
    let m = rows, n = columns
    scalars.withUnsafeMutableBufferPointer { out in
      v.scalars.withUnsafeBufferPointer { b in
        for i in 0..<m { for j in 0..<n { out[i * n + j] += b[j] } }
      }
    }
  }

  /// `x_ij ← a_j · (x_ij − b_j − y_ij · c_j)` (BatchNorm's backward through its statistics).
  package mutating func subtractColumnTerms(_ b: [Scalar], _ y: Tensor, times c: [Scalar], thenMultiplyBy a: [Scalar]) {
    precondition(y.rows == rows && y.columns == columns, "subtractColumnTerms: shapes \(shape) and \(y.shape) differ")
    precondition(a.count == columns && b.count == columns && c.count == columns, "subtractColumnTerms: one coefficient per column")
    let m = rows, n = columns
    scalars.withUnsafeMutableBufferPointer { d in
      y.scalars.withUnsafeBufferPointer { x in
        for i in 0..<m {
          for j in 0..<n {
            let k = i * n + j
            d[k] = a[j] * (d[k] - b[j] - x[k] * c[j])
          }
        }
      }
    }
  }

  /// `x_ij ← x_ij + Scalar(f_j · y_ij)`, the product in `Double`.
  package mutating func addColumnScaled(_ y: Tensor, by f: [Double]) {
    precondition(y.rows == rows && y.columns == columns && f.count == columns, "addColumnScaled: shapes differ")
    let m = rows, n = columns
    scalars.withUnsafeMutableBufferPointer { d in
      y.scalars.withUnsafeBufferPointer { v in
        for i in 0..<m { for j in 0..<n { d[i * n + j] += Scalar(f[j] * Double(v[i * n + j])) } }
      }
    }
  }

  /// The largest element of every column, or `floor` where no element exceeds it
  /// (a running maximum: a branch-free loop the compiler vectorises).
  @inlinable package func columnMaxima(floor: Scalar) -> [Scalar] {
    let n = columns
    var largest = [Scalar](repeating: floor, count: n)
    largest.withUnsafeMutableBufferPointer { m in
      scalars.withUnsafeBufferPointer { v in
        for i in 0..<rows {
          let row = i * n
          for j in 0..<n { m[j] = Swift.max(m[j], v[row + j]) }
        }
      }
    }
    return largest
  }
}

// MARK: - Row softmax

/// Row-wise softmax helpers shared by the cross-entropy objectives (in `Double`).
enum Softmax {
  /// `log Σ_c exp(scale · x_c)` over the `count` entries `x_c = values[start + c]` except
  /// `c = excluded`, and the softmax over them written to `probabilities[offset + c]`
  /// (0 for the excluded entry).
  static func row<Scalar: TrainingScalar>(
    _ values: [Scalar], from start: Int = 0, count: Int, scale: Double,
    into probabilities: inout [Double], at offset: Int = 0, excluding excluded: Int = -1
  ) -> Double {
    precondition(start >= 0 && start + count <= values.count, "Softmax.row: row out of range")
    precondition(offset >= 0 && offset + count <= probabilities.count, "Softmax.row: output out of range")
    return values.withUnsafeBufferPointer { v in
      probabilities.withUnsafeMutableBufferPointer { out in
        let x = UnsafeBufferPointer(rebasing: v[start..<(start + count)])
        let p = UnsafeMutableBufferPointer(rebasing: out[offset..<(offset + count)])
        var top = -Double.infinity
        for c in 0..<count where c != excluded { top = max(top, Double(x[c]) * scale) }
        var total = 0.0
        for c in 0..<count {
          if c == excluded {
            p[c] = 0
          } else {
            let e = Double.exp(Double(x[c]) * scale - top)
            p[c] = e
            total += e
          }
        }
        for c in 0..<count { p[c] /= total }
        return top + Double.log(total)
      }
    }
  }
}

// MARK: - Rows of a matrix

extension Tensor where Scalar == Float {
  /// Rows `rows` of `matrix`, in that order, as a `rows.count × matrix.columns` tensor.
  package init(gathering rows: ArraySlice<Int>, of matrix: Matrix) {
    let d = matrix.columns
    // Every element is copied from a row, so the buffer is not zeroed first.
    let out = [Float](unsafeUninitializedCapacity: rows.count * d) { target, initialized in
      matrix.withUnsafeBufferPointer { source in
        for (k, row) in rows.enumerated() {
          (target.baseAddress! + k * d).initialize(from: source.baseAddress! + row * d, count: d)
        }
      }
      initialized = rows.count * d
    }
    self.init(rows: rows.count, columns: d, scalars: out)
  }
}
