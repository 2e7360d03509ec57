// ssl-quality · TrainingTestSupport.swift — reference arrays and finite differences.

import SSLQuality
import SSLQualityIO
import SSLQualityTraining
import TestSupport
import Testing

/// The arrays of `fixtures/training/<name>.npz` (float64), by key.
struct Reference {
  let name: String

  init(_ name: String) { self.name = name }

  /// Array `key` as a tensor of its stored shape (a 0-d array becomes shape `[]`).
  func tensor<Scalar: TrainingScalar>(_ key: String, as: Scalar.Type = Scalar.self) throws -> Tensor<Scalar> {
    let array = try ArrayFile.open(Fixtures.path("training/\(name).npz") + ":" + key)
    return Tensor(shape: array.layout.shape, scalars: array.doubles().map { Scalar($0) })
  }

  func scalar(_ key: String) throws -> Double { try tensor(key, as: Double.self).scalars[0] }

  func has(_ key: String) -> Bool { (try? ArrayFile.open(Fixtures.path("training/\(name).npz") + ":" + key)) != nil }
}

/// Largest absolute difference between two tensors of one shape.
func maxDifference<A: TrainingScalar, B: TrainingScalar>(_ a: Tensor<A>, _ b: Tensor<B>) -> Double {
  precondition(a.shape == b.shape, "shapes \(a.shape) and \(b.shape) differ")
  return zip(a.scalars, b.scalars).reduce(0) { max($0, abs(Double($1.0) - Double($1.1))) }
}

/// Largest absolute entry.
func maxMagnitude<A: TrainingScalar>(_ a: Tensor<A>) -> Double { a.scalars.reduce(0) { max($0, abs(Double($1))) } }

/// Expects `gradient` within `tolerance` of the reference, relative to its largest entry.
func expectGradient<A: TrainingScalar>(
  _ gradient: Tensor<A>, _ reference: Tensor<Double>, tolerance: Double, _ label: String,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let scale = max(maxMagnitude(reference), 1e-6)
  let error = maxDifference(gradient, reference) / scale
  #expect(error <= tolerance, "\(label): gradient off by \(error) of its largest entry", sourceLocation: sourceLocation)
}

/// Expects `value` within `tolerance` relative of `reference`.
func expectValue(_ value: Double, _ reference: Double, tolerance: Double, _ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
  let error = abs(value - reference) / max(abs(reference), 1e-300)
  #expect(error <= tolerance, "\(label): value \(value) vs \(reference), relative error \(error)", sourceLocation: sourceLocation)
}

/// Central differences of `f` with respect to every entry of `inputs[index]`.
func numericalGradient(_ inputs: [Tensor<Double>], _ index: Int, step: Double = 1e-6, _ f: ([Tensor<Double>]) -> Double) -> Tensor<Double> {
  var gradient = inputs[index]
  for k in 0..<inputs[index].count {
    var plus = inputs, minus = inputs
    plus[index].scalars[k] += step
    minus[index].scalars[k] -= step
    gradient.scalars[k] = (f(plus) - f(minus)) / (2 * step)
  }
  return gradient
}

/// Checks every analytic gradient of `objective` against central differences in Double.
func expectFiniteDifferences(
  _ inputs: [Tensor<Double>], tolerance: Double = 1e-6, _ label: String, sourceLocation: SourceLocation = #_sourceLocation,
  _ objective: ([Tensor<Double>]) -> ObjectiveValue<Double>
) {
  let analytic = objective(inputs).gradients
  for index in inputs.indices {
    let numeric = numericalGradient(inputs, index) { objective($0).value }
    expectGradient(analytic[index], numeric, tolerance: tolerance, "\(label) input \(index)", sourceLocation: sourceLocation)
  }
}

/// A seeded random tensor in Double.
func randomTensor(_ shape: [Int], seed: UInt64, scale: Double = 1) -> Tensor<Double> {
  var random = SeededGenerator(seed: seed)
  return random.normalTensor(shape: shape, scale: scale)
}

/// Compares an objective's value and gradients with a lightly reference, in Double
/// (tight) and in Float (1e-5 relative value, 1e-4 of the largest gradient entry).
func expectMatchesReference(
  _ name: String, inputs count: Int, sourceLocation: SourceLocation = #_sourceLocation,
  _ double: ([Tensor<Double>]) -> ObjectiveValue<Double>, _ float: ([Tensor<Float>]) -> ObjectiveValue<Float>
) throws {
  let reference = Reference(name)
  let inputs = try (0..<count).map { try reference.tensor("input_\($0)", as: Double.self) }
  let value = try reference.scalar("value")
  let exact = double(inputs), single = float(inputs.map { Tensor<Float>($0) })
  expectValue(exact.value, value, tolerance: 1e-10, "\(name) (Double)", sourceLocation: sourceLocation)
  expectValue(single.value, value, tolerance: 1e-5, "\(name) (Float)", sourceLocation: sourceLocation)
  for index in 0..<count {
    let gradient = try reference.tensor("grad_\(index)", as: Double.self)
    expectGradient(exact.gradients[index], gradient, tolerance: 1e-9, "\(name) (Double) input \(index)", sourceLocation: sourceLocation)
    expectGradient(single.gradients[index], gradient, tolerance: 1e-4, "\(name) (Float) input \(index)", sourceLocation: sourceLocation)
  }
}
