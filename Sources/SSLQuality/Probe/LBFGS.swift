// ssl-quality · LBFGS.swift — limited-memory BFGS with a strong-Wolfe line search.

/// Minimises a smooth function by L-BFGS (Nocedal & Wright, *Numerical Optimization*,
/// Algorithms 7.4 and 7.5) with a strong-Wolfe line search (Algorithms 3.5 and 3.6, cubic
/// interpolation in the zoom). Stops like scipy's L-BFGS-B as scikit-learn calls it: when
/// the largest gradient component is at most `tolerance`, when the relative decrease of
/// the objective falls below `functionTolerance`, or after `maxIterations`. When no step
/// along a descent direction lowers the objective as it is computed, the gradient is at the
/// floor that floating-point evaluation allows and the run stops there (scipy's
/// `ABNORMAL_TERMINATION_IN_LNSRCH`) instead of spinning to `maxIterations`.
public struct LBFGS: Sendable {
  /// Pairs kept (scipy's `maxcor`).
  public var memory = 10
  /// Stop when `max_j |g_j| ≤ tolerance`.
  public var tolerance = 1e-4
  /// Stop when `(f_k − f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) ≤ functionTolerance` (scikit-learn
  /// passes `64 ε`).
  public var functionTolerance = 64 * Double.ulpOfOne
  /// Iterations allowed (``defaultMaxIterations`` unless set).
  public var maxIterations = LBFGS.defaultMaxIterations
  /// Function evaluations allowed per line search (scikit-learn's `maxls`).
  public var maxLineSearch = 50
  /// Armijo and curvature constants.
  public var c1 = 1e-4, c2 = 0.9

  /// The iteration limit wherever none is set: in the library (``LogisticRegressionProbe``,
  /// as `compare` and the fine-tuning evaluation use it) and on the command line (`--max-iter`).
  public static let defaultMaxIterations = 1000

  public init() {}

  /// Why a minimisation stopped.
  public enum Stop: String, Sendable {
    /// `max_j |g_j| ≤ tolerance` (converged).
    case gradientTolerance
    /// The relative decrease fell to `functionTolerance` (converged).
    case functionTolerance
    /// `maxIterations` reached first (not converged).
    case iterationLimit
    /// No step along a descent direction lowered the objective as computed: the gradient
    /// is at its floating-point floor, above `tolerance` (not converged).
    case gradientFloor
  }

  /// The outcome of a minimisation.
  public struct Result: Sendable {
    public var solution: [Double]
    public var value: Double
    public var gradientNorm: Double
    public var iterations: Int
    public var evaluations: Int
    public var stop: Stop
    /// Whether a stopping rule was met (tolerance on the gradient or on the decrease).
    public var converged: Bool { stop == .gradientTolerance || stop == .functionTolerance }
  }

  /// Minimises `objective` (value and gradient) from `start`; `iterationDone` is called
  /// after each iteration with (iteration, value, max |gradient|).
  public func minimize(
    from start: [Double], objective: @escaping ([Double]) -> (value: Double, gradient: [Double]),
    iterationDone: ((Int, Double, Double) -> Void)? = nil
  ) -> Result {
    minimize(from: start, objective: FullEvaluationLine(objective), iterationDone: iterationDone)
  }

  /// Minimises `objective` from `start`, evaluating trial steps along each search line
  /// with ``LineObjective/along(_:)`` and taking the gradient only at accepted steps.
  public func minimize(
    from start: [Double], objective: some LineObjective, iterationDone: ((Int, Double, Double) -> Void)? = nil
  ) -> Result {
    var x = start
    var (f, g) = objective.evaluate(at: x)
    var evaluations = 1
    var s: [[Double]] = [], y: [[Double]] = [], rho: [Double] = []
    var iteration = 0
    var stop: Stop? = maxAbs(g) <= tolerance ? .gradientTolerance : nil
    while stop == nil && iteration < maxIterations {
      var direction = twoLoop(g, s, y, rho)
      var slope = dot(direction, g)
      if !(slope < 0) {  // not a descent direction: restart from steepest descent
        s.removeAll()
        y.removeAll()
        rho.removeAll()
        direction = g.map { -$0 }
        slope = dot(direction, g)
      }
      let initial = s.isEmpty ? min(1, 1 / max(1e-300, dot(g, g).squareRoot())) : 1
      objective.beginLine(direction)
      guard
        let step = lineSearch(f: f, slope: slope, initial: initial, objective: objective, evaluations: &evaluations)
      else {
        stop = .gradientFloor
        break
      }
      iteration += 1
      let next = objective.move(to: step.alpha)
      var sk = [Double](repeating: 0, count: x.count)
      axpy(step.alpha, direction, &sk)
      let yk = zip(next, g).map { $0 - $1 }
      let sy = dot(sk, yk)
      if sy > 1e-10 * dot(yk, yk) {
        s.append(sk)
        y.append(yk)
        rho.append(1 / sy)
        if s.count > memory {
          s.removeFirst()
          y.removeFirst()
          rho.removeFirst()
        }
      }
      let decrease = (f - step.f) / max(abs(f), abs(step.f), 1)
      axpy(step.alpha, direction, &x)
      (f, g) = (step.f, next)
      let norm = maxAbs(g)
      iterationDone?(iteration, f, norm)
      if norm <= tolerance { stop = .gradientTolerance } else if decrease <= functionTolerance { stop = .functionTolerance }
    }
    return Result(
      solution: x, value: f, gradientNorm: maxAbs(g), iterations: iteration, evaluations: evaluations, stop: stop ?? .iterationLimit)
  }

  /// `−H g` by the two-loop recursion, `H₀ = (sᵀy / yᵀy) I`.
  private func twoLoop(_ g: [Double], _ s: [[Double]], _ y: [[Double]], _ rho: [Double]) -> [Double] {
    var q = g
    var alpha = [Double](repeating: 0, count: s.count)
    for k in stride(from: s.count - 1, through: 0, by: -1) {
      alpha[k] = rho[k] * dot(s[k], q)
      axpy(-alpha[k], y[k], &q)
    }
    if let last = s.indices.last {
      let gamma = dot(s[last], y[last]) / dot(y[last], y[last])
      for i in q.indices { q[i] *= gamma }
    }
    for k in s.indices {
      let beta = rho[k] * dot(y[k], q)
      axpy(alpha[k] - beta, s[k], &q)
    }
    return q.map { -$0 }
  }

  /// A trial step on the current line: its value and slope.
  private struct Point {
    var alpha: Double, f: Double, slope: Double
  }

  /// A step satisfying the strong Wolfe conditions, or `nil` when none was found.
  private func lineSearch(
    f: Double, slope: Double, initial: Double, objective: some LineObjective, evaluations: inout Int
  ) -> Point? {
    func at(_ alpha: Double) -> Point {
      let (value, trialSlope) = objective.along(alpha)
      evaluations += 1
      return Point(alpha: alpha, f: value, slope: trialSlope)
    }
    let start = Point(alpha: 0, f: f, slope: slope)
    var previous = start
    var alpha = initial
    var budget = maxLineSearch
    while budget > 0 {
      let current = at(alpha)
      budget -= 1
      if !current.f.isFinite || current.f > f + c1 * alpha * slope || (previous.alpha > 0 && current.f >= previous.f) {
        return zoom(low: previous, high: current, f: f, slope: slope, at: at, budget: budget)
      }
      if abs(current.slope) <= -c2 * slope { return current }
      if current.slope >= 0 { return zoom(low: current, high: previous, f: f, slope: slope, at: at, budget: budget) }
      previous = current
      alpha *= 2
    }
    return previous.alpha > 0 && previous.f < f ? previous : nil
  }

  private func zoom(low: Point, high: Point, f: Double, slope: Double, at: (Double) -> Point, budget: Int) -> Point? {
    var low = low, high = high, budget = budget
    while budget > 0 {
      let alpha = interpolate(low, high)
      let current = at(alpha)
      budget -= 1
      if !current.f.isFinite || current.f > f + c1 * alpha * slope || current.f >= low.f {
        high = current
      } else {
        if abs(current.slope) <= -c2 * slope { return current }
        if current.slope * (high.alpha - low.alpha) >= 0 { high = low }
        low = current
      }
      if abs(high.alpha - low.alpha) < 1e-16 * max(1, abs(low.alpha)) { break }
    }
    return low.alpha > 0 && low.f < f ? low : nil
  }

  /// Minimiser of the cubic through both points' values and slopes, kept inside the
  /// interval (away from its ends); bisection when the cubic fails.
  private func interpolate(_ a: Point, _ b: Point) -> Double {
    let lower = min(a.alpha, b.alpha), upper = max(a.alpha, b.alpha), width = upper - lower
    let bisect = (a.alpha + b.alpha) / 2
    guard b.f.isFinite, b.slope.isFinite else { return bisect }
    let d1 = a.slope + b.slope - 3 * (a.f - b.f) / (a.alpha - b.alpha)
    let discriminant = d1 * d1 - a.slope * b.slope
    guard discriminant >= 0 else { return bisect }
    let d2 = (b.alpha > a.alpha ? 1.0 : -1.0) * discriminant.squareRoot()
    let candidate = b.alpha - (b.alpha - a.alpha) * (b.slope + d2 - d1) / (b.slope - a.slope + 2 * d2)
    guard candidate.isFinite, candidate > lower + 0.1 * width, candidate < upper - 0.1 * width else { return bisect }
    return candidate
  }
}

@inline(__always) func dot(_ a: [Double], _ b: [Double]) -> Double {
  var sum = 0.0
  for i in a.indices { sum += a[i] * b[i] }
  return sum
}

@inline(__always) func axpy(_ alpha: Double, _ x: [Double], _ y: inout [Double]) {
  for i in y.indices { y[i] += alpha * x[i] }
}

@inline(__always) func maxAbs(_ a: [Double]) -> Double { a.reduce(0) { max($0, abs($1)) } }
