// ssl-quality · LBFGSTests.swift — why L-BFGS stops: tolerance, iteration limit, or the gradient's floating-point floor.

import Foundation
import Testing

@testable import SSLQuality

@Suite("L-BFGS stopping")
struct LBFGSTests {
  /// `f(x) = Σ (x_j − 1)²` with its exact gradient.
  static func quadratic(_ x: [Double]) -> (value: Double, gradient: [Double]) {
    (x.reduce(0) { $0 + ($1 - 1) * ($1 - 1) }, x.map { 2 * ($0 - 1) })
  }

  @Test func convergesOnTheGradientTolerance() {
    let result = LBFGS().minimize(from: [0, 3, -2], objective: Self.quadratic)
    #expect(result.stop == .gradientTolerance && result.converged)
    #expect(result.solution.allSatisfy { abs($0 - 1) < 1e-4 })
  }

  @Test func stopsAtTheIterationLimit() {
    var optimizer = LBFGS()
    (optimizer.maxIterations, optimizer.tolerance) = (1, 1e-12)
    let result = optimizer.minimize(from: [0, 3, -2], objective: { x in
      // Anisotropic, so one step cannot reach the minimum.
      (x.indices.reduce(0) { $0 + Double($1 + 1) * (x[$1] - 1) * (x[$1] - 1) }, x.indices.map { 2 * Double($0 + 1) * (x[$0] - 1) })
    })
    #expect(result.stop == .iterationLimit && !result.converged && result.iterations == 1)
  }

  /// `1 + Σ (x_j − 1)⁴` rounded to float32, as the probe's objective is computed: once the
  /// quartic is below float32's resolution of `1 + …`, no step lowers the value while the exact
  /// gradient `4 (x_j − 1)³` stays far above `tolerance`. The run must say so and stop, not spin
  /// to the iteration limit.
  @Test func stopsAtTheGradientFloor() {
    var optimizer = LBFGS()
    optimizer.tolerance = 1e-12
    let result = optimizer.minimize(from: [0.5, 2], objective: { x in
      (Double(Float(1 + x.reduce(0) { $0 + pow($1 - 1, 4) })), x.map { 4 * pow($0 - 1, 3) })
    })
    #expect(result.stop == .gradientFloor && !result.converged)
    #expect(result.iterations < 50, "\(result.iterations) iterations")
    #expect(result.gradientNorm > optimizer.tolerance && result.gradientNorm < 1e-2, "\(result.gradientNorm)")
  }
}
