// ssl-quality · TensorKernelsTests.swift — each kernel against its formula written with plain array indexing.

import SSLQuality
import SSLQualityTraining
import Testing

@Suite("Tensor kernels")
struct TensorKernelsTests {
  /// A 5 × 7 tensor with positive, negative, zero and NaN entries, and a second one.
  private let x: Tensor<Float> = {
    var random = SeededGenerator(seed: 11)
    var t: Tensor<Float> = random.normalTensor(shape: [5, 7])
    t[1, 2] = 0
    t[3, 4] = .nan
    return t
  }()
  private let y: Tensor<Float> = {
    var random = SeededGenerator(seed: 12)
    return random.normalTensor(shape: [5, 7])
  }()
  private var finite: Tensor<Float> {
    var t = x
    t[3, 4] = 1.5
    return t
  }

  /// Bitwise equality, so that NaN equals NaN and −0 differs from +0.
  private func same(_ a: [Float], _ b: [Float]) -> Bool { a.map(\.bitPattern) == b.map(\.bitPattern) }
  private func same(_ a: [Double], _ b: [Double]) -> Bool { a.map(\.bitPattern) == b.map(\.bitPattern) }

  @Test func elementWise() {
    var relu = x
    relu.zeroNonPositive()
    #expect(same(relu.scalars, x.scalars.map { $0 > 0 ? $0 : 0 }))
    var masked = y
    masked.zero(whereNotPositive: x)
    #expect(same(masked.scalars, zip(y.scalars, x.scalars).map { $1 > 0 ? $0 : 0 }))
    var residual = y
    residual.addRectified(finite)
    #expect(same(residual.scalars, zip(y.scalars, finite.scalars).map { max($0 + $1, 0) }))
  }

  @Test func rowWise() {
    let (m, n) = (finite.rows, finite.columns)
    let dots = (0..<m).map { i in (0..<n).reduce(0.0) { $0 + Double(finite[i, $1]) * Double(y[i, $1]) } }
    #expect(same(finite.rowDots(y), dots))
    let factors: [Float] = [2, -0.5, 3, 0.25, 7]
    var scaled = finite
    scaled.multiplyRows(by: factors)
    #expect(same(scaled.scalars, (0..<(m * n)).map { finite.scalars[$0] * factors[$0 / n] }))
    var divided = finite
    divided.divideRows(by: factors)
    #expect(same(divided.scalars, (0..<(m * n)).map { finite.scalars[$0] / factors[$0 / n] }))
    let other: [Float] = [1, 2, -1, 0.5, 3]
    var combined = finite
    combined.scaleRows(by: factors, subtracting: y, scaledBy: other)
    #expect(same(combined.scalars, (0..<(m * n)).map { factors[$0 / n] * finite.scalars[$0] - other[$0 / n] * y.scalars[$0] }))
    var projected = finite
    projected.removeRowProjection(2, onto: y, thenMultiplyBy: 0.5)
    projected.multiplyRow(4, by: 3)
    let p = Float((0..<n).reduce(0.0) { $0 + Double(y[2, $1]) * Double(finite[2, $1]) })
    #expect(same(projected.scalars, (0..<(m * n)).map { k in
      switch k / n {
      case 2: (finite.scalars[k] - y.scalars[k] * p) * 0.5
      case 4: finite.scalars[k] * 3
      default: finite.scalars[k]
      }
    }))
  }

  @Test func columnWise() {
    let (m, n) = (finite.rows, finite.columns)
    let sums = (0..<n).map { j in (0..<m).reduce(0.0) { $0 + Double(finite[$1, j]) } }
    let dots = (0..<n).map { j in (0..<m).reduce(0.0) { $0 + Double(finite[$1, j]) * Double(y[$1, j]) } }
    #expect(same(finite.columnSumsInDouble(), sums))
    #expect(same(finite.columnSums().scalars, sums.map { Float($0) }))
    let both = finite.columnSumsAndDots(y)
    #expect(same(both.sums, sums) && same(both.dots, dots))
    let mean = sums.map { $0 / Double(m) }
    let squares = (0..<n).map { j in (0..<m).reduce(0.0) { s, i in s + (Double(finite[i, j]) - mean[j]) * (Double(finite[i, j]) - mean[j]) } }
    #expect(same(finite.centredColumnSquares(mean: mean), squares))
    #expect(same(finite.subtractingColumns(mean).scalars, (0..<(m * n)).map { Float(Double(finite.scalars[$0]) - mean[$0 % n]) }))
    let s: [Float] = (0..<n).map { Float($0) - 2.5 }, t: [Float] = (0..<n).map { 0.1 * Float($0) }
    let w: [Float] = (0..<n).map { 1 + Float($0) }, c: [Float] = (0..<n).map { -Float($0) }
    let inner = (0..<(m * n)).map { finite.scalars[$0] * s[$0 % n] + t[$0 % n] }
    let affine = finite.affineColumns(scale: s, shift: t, then: w, c)
    #expect(same(affine.inner.scalars, inner))
    #expect(same(affine.outer.scalars, (0..<(m * n)).map { inner[$0] * w[$0 % n] + c[$0 % n] }))
    let plain = finite.affineColumns(scale: s, shift: t, then: nil, nil)
    #expect(same(plain.inner.scalars, inner) && same(plain.outer.scalars, inner))
    var biased = finite
    biased.addToEveryRow(Tensor(shape: [n], scalars: c))
    #expect(same(biased.scalars, (0..<(m * n)).map { finite.scalars[$0] + c[$0 % n] }))
    var terms = y
    terms.subtractColumnTerms(t, finite, times: s, thenMultiplyBy: w)
    #expect(same(terms.scalars, (0..<(m * n)).map { w[$0 % n] * (y.scalars[$0] - t[$0 % n] - finite.scalars[$0] * s[$0 % n]) }))
    let f = (0..<n).map { Double($0) / 3 }
    var added = y
    added.addColumnScaled(finite, by: f)
    #expect(same(added.scalars, (0..<(m * n)).map { y.scalars[$0] + Float(f[$0 % n] * Double(finite.scalars[$0])) }))
    #expect(same(finite.columnMaxima(floor: 0), (0..<n).map { j in (0..<m).reduce(Float(0)) { max($0, finite[$1, j]) } }))
  }

  @Test func gatheringRows() {
    let matrix = Matrix(rows: 5, columns: 7, values: finite.scalars)
    let rows = [4, 0, 4, 2]
    let gathered = Tensor(gathering: rows[...], of: matrix)
    #expect(gathered.shape == [4, 7])
    #expect(same(gathered.scalars, rows.flatMap { matrix.row($0) }))
  }
}
