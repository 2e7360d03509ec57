// ssl-quality · LineObjective.swift — what L-BFGS asks of an objective, point by point and along a line.

/// A smooth objective as ``LBFGS`` uses it: the value and gradient at a point, and the
/// value and slope of `α ↦ f(x + α p)` along a search line from the current point `x`.
///
/// Objectives that can evaluate along a line more cheaply than at a general point (such as
/// ``SoftmaxLineObjective``, which needs no matrix product per trial step) implement it
/// directly; any value-and-gradient function can be wrapped in ``FullEvaluationLine``.
public protocol LineObjective: AnyObject {
  /// Value and gradient at `x`, which becomes the current point.
  func evaluate(at x: [Double]) -> (value: Double, gradient: [Double])
  /// Starts a line from the current point along `direction`.
  func beginLine(_ direction: [Double])
  /// Value and slope `φ'(α) = ∇f(x + α p) · p` at step `alpha` of the current line.
  func along(_ alpha: Double) -> (value: Double, slope: Double)
  /// Moves the current point to `x + alpha · p` and returns the gradient there.
  func move(to alpha: Double) -> [Double]
}

/// Any value-and-gradient function as a ``LineObjective``: every trial step is a full
/// evaluation, whose gradient is kept for the step the line search accepts.
public final class FullEvaluationLine: LineObjective {
  private let function: ([Double]) -> (value: Double, gradient: [Double])
  private var point: [Double] = [], direction: [Double] = []
  /// Gradients of this line's trial steps, by step.
  private var trials: [Double: [Double]] = [:]

  public init(_ function: @escaping ([Double]) -> (value: Double, gradient: [Double])) {
    self.function = function
  }

  public func evaluate(at x: [Double]) -> (value: Double, gradient: [Double]) {
    point = x
    trials = [:]
    return function(x)
  }

  public func beginLine(_ direction: [Double]) {
    self.direction = direction
    trials = [:]
  }

  public func along(_ alpha: Double) -> (value: Double, slope: Double) {
    let (value, gradient) = function(step(alpha))
    trials[alpha] = gradient
    return (value, dot(gradient, direction))
  }

  public func move(to alpha: Double) -> [Double] {
    let target = step(alpha)
    let gradient = trials[alpha] ?? function(target).gradient
    point = target
    trials = [:]
    return gradient
  }

  private func step(_ alpha: Double) -> [Double] {
    var x = point
    axpy(alpha, direction, &x)
    return x
  }
}
