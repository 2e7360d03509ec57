// ssl-quality · DINO.swift — self-distillation with a centred, sharpened teacher.

/// DINO, as lightly's `DINOLoss` (teacher temperature 0.04, student 0.1, centre momentum
/// 0.9). Teacher outputs `t^1…t^T` and student outputs `s^1…s^S` (`B × K` each, views in
/// the same order, the first `T` student views seeing the teacher's crops):
///
/// ```
/// P^t = softmax((t^t − c)/τ_t),   log S^s = log_softmax(s^s/τ_s)         (row-wise)
/// L = −1/(n·B) · Σ_{t, s : t ≠ s} Σ_b Σ_k P^t_bk log S^s_bk,   n = T·S − min(T, S)
/// c' = m·c + (1 − m) · mean over all teacher rows
/// ```
///
/// Pairs of equal view index are excluded. Gradients with respect to every teacher and
/// student input (a training loop ignores the teacher's: it is an EMA target); the
/// updated centre `c'` is returned for the next step (state kept by the caller).
public struct DINO: Sendable {
  public var teacherTemperature: Double, studentTemperature: Double, centerMomentum: Double

  /// lightly's `DINOLoss` defaults of `τ_t`, `τ_s` and the centre momentum `m`.
  public static let defaultTeacherTemperature = 0.04, defaultStudentTemperature = 0.1, defaultCenterMomentum = 0.9

  public init(
    teacherTemperature: Double = DINO.defaultTeacherTemperature, studentTemperature: Double = DINO.defaultStudentTemperature,
    centerMomentum: Double = DINO.defaultCenterMomentum
  ) {
    self.teacherTemperature = teacherTemperature
    self.studentTemperature = studentTemperature
    self.centerMomentum = centerMomentum
  }

  /// Value, gradients (teacher inputs first, then student) and the updated centre (`1 × K`).
  public func evaluate<Scalar>(teacher: [Tensor<Scalar>], student: [Tensor<Scalar>], center: Tensor<Scalar>)
    -> (objective: ObjectiveValue<Scalar>, center: Tensor<Scalar>)
  {
    let views = teacher + student
    precondition(!teacher.isEmpty && !student.isEmpty, "DINO needs teacher and student views")
    precondition(views.allSatisfy { $0.shape == views[0].shape && $0.shape.count == 2 }, "DINO views must share one B × K shape")
    let b = views[0].rows, k = views[0].columns
    precondition(center.count == k, "the centre must have K entries")
    let terms = teacher.count * student.count - min(teacher.count, student.count)
    precondition(terms > 0, "DINO needs at least two views in total")
    let weight = 1 / (Double(terms) * Double(b))
    let c = center.scalars.map { Double($0) }
    // Teacher probabilities and student log-probabilities, row-wise in Double.
    var p = teacher.map { _ in [Double](repeating: 0, count: b * k) }
    var logS = student.map { _ in [Double](repeating: 0, count: b * k) }
    var sProb = logS
    /// Softmax of `row` into row `r` of `out`; returns log Σ exp(row).
    func softmax(_ row: [Double], into out: inout [Double], row r: Int) -> Double {
      Softmax.row(row, count: k, scale: 1, into: &out, at: r * k)
    }
    for t in teacher.indices {
      for r in 0..<b { _ = softmax((0..<k).map { (Double(teacher[t][r, $0]) - c[$0]) / teacherTemperature }, into: &p[t], row: r) }
    }
    for s in student.indices {
      for r in 0..<b {
        let row = (0..<k).map { Double(student[s][r, $0]) / studentTemperature }
        let logSum = softmax(row, into: &sProb[s], row: r)
        for j in 0..<k { logS[s][r * k + j] = row[j] - logSum }
      }
    }
    var loss = 0.0
    var dTeacher = teacher.map { _ in [Double](repeating: 0, count: b * k) }
    var dStudent = student.map { _ in [Double](repeating: 0, count: b * k) }
    for t in teacher.indices {
      for s in student.indices where s != t {
        for e in 0..<(b * k) {
          loss -= weight * p[t][e] * logS[s][e]
          // ∂/∂s: (softmax(s/τ_s) − P^t)/τ_s (each row of P^t sums to 1).
          dStudent[s][e] += weight * (sProb[s][e] - p[t][e]) / studentTemperature
          // ∂/∂P^t, turned into ∂/∂t below through the softmax.
          dTeacher[t][e] -= weight * logS[s][e]
        }
      }
    }
    for t in teacher.indices {
      for r in 0..<b {
        var dot = 0.0
        for j in 0..<k { dot += p[t][r * k + j] * dTeacher[t][r * k + j] }
        for j in 0..<k {
          let e = r * k + j
          dTeacher[t][e] = p[t][e] * (dTeacher[t][e] - dot) / teacherTemperature
        }
      }
    }
    var mean = [Double](repeating: 0, count: k)
    for view in teacher { for r in 0..<b { for j in 0..<k { mean[j] += Double(view[r, j]) } } }
    let updated = (0..<k).map { Scalar(centerMomentum * c[$0] + (1 - centerMomentum) * mean[$0] / Double(teacher.count * b)) }
    let gradients = (dTeacher + dStudent).map { Tensor(rows: b, columns: k, scalars: $0.map { Scalar($0) }) }
    return (ObjectiveValue(value: loss, gradients: gradients), Tensor(rows: 1, columns: k, scalars: updated))
  }
}
