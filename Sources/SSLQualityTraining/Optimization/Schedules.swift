// ssl-quality · Schedules.swift — learning-rate and momentum schedules of SSL recipes.

/// The schedules lightly's recipes use (`lightly.utils.scheduler`).
public enum Schedule {
  /// Cosine decay from `start` to `end` over `maxSteps` steps:
  ///
  /// ```
  /// value(step) = end − (end − start) · (cos(π · step / (maxSteps − 1)) + 1) / 2
  /// ```
  ///
  /// `end` from step `maxSteps − 1` on (and when `maxSteps ≤ 1`). With a `period`, a full
  /// cycle every `period` steps instead: `end − (end − start)(cos(2π step/period) + 1)/2`.
  public static func cosine(step: Int, maxSteps: Int, start: Double, end: Double, period: Int? = nil) -> Double {
    precondition(step >= 0 && maxSteps >= 0, "negative step")
    if let period {
      precondition(period > 0, "period must be positive")
      return end - (end - start) * (Double.cos(2 * .pi * Double(step) / Double(period)) + 1) / 2
    }
    if maxSteps <= 1 || step >= maxSteps - 1 { return end }
    return end - (end - start) * (Double.cos(.pi * Double(step) / Double(maxSteps - 1)) + 1) / 2
  }

  /// Linear warm-up over `warmupSteps` steps from `warmupStart` to `warmupEnd` (default
  /// `start`), reaching it at the last warm-up step (`warmupStart + (warmupEnd −
  /// warmupStart)(step + 1)/warmupSteps`), then ``cosine(step:maxSteps:start:end:period:)``
  /// over the remaining `maxSteps − warmupSteps` steps.
  public static func warmupCosine(
    step: Int, maxSteps: Int, start: Double, end: Double, warmupSteps: Int, warmupStart: Double = 0,
    warmupEnd: Double? = nil, period: Int? = nil
  ) -> Double {
    precondition(warmupSteps >= 0 && warmupSteps <= maxSteps, "warm-up steps outside 0...maxSteps")
    if step < warmupSteps {
      let target = warmupEnd ?? start
      return warmupStart + (target - warmupStart) * Double(step + 1) / Double(warmupSteps)
    }
    return cosine(
      step: step - warmupSteps, maxSteps: maxSteps - (period == nil ? warmupSteps : 1), start: start, end: end, period: period)
  }

  /// The momentum of an EMA target (BYOL, MoCo v3, DINO): cosine from `base` (0.996) to 1.
  public static func emaMomentum(step: Int, maxSteps: Int, base: Double = 0.996) -> Double {
    cosine(step: step, maxSteps: maxSteps, start: base, end: 1)
  }
}
