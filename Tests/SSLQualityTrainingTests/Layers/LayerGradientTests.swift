// ssl-quality · LayerGradientTests.swift — every layer's backward against finite differences.

import SSLQuality
import SSLQualityTraining
import Testing

/// `Σ y ⊙ u` for the layer's output `y` and fixed weights `u`: a scalar whose gradient
/// with respect to `y` is `u`.
private func probe<L: Layer>(_ layer: L, input: Tensor<Double>, training: Bool, seed: UInt64) -> (check: (L, Tensor<Double>) -> Double, upstream: Tensor<Double>)
where L.Scalar == Double {
  var copy = layer
  let shape = copy.forward(input, training: training).output.shape
  let u = randomTensor(shape, seed: seed)
  return ({ layer, x in
    var l = layer
    let y = l.forward(x, training: training).output
    return zip(y.scalars, u.scalars).reduce(0) { $0 + $1.0 * $1.1 }
  }, u)
}

/// Checks input and parameter gradients of `layer` on `input` against central differences.
private func checkLayer<L: Layer>(_ layer: L, input: Tensor<Double>, training: Bool = true, _ label: String) where L.Scalar == Double {
  let (f, u) = probe(layer, input: input, training: training, seed: 99)
  var forwardCopy = layer
  let tape = forwardCopy.forward(input, training: training).tape
  let (dx, dp) = layer.backward(u, tape: tape)
  let numericInput = numericalGradient([input], 0) { f(layer, $0[0]) }
  expectGradient(dx, numericInput, tolerance: 1e-6, "\(label) input")
  let parameters = layer.parameters
  for (index, name) in parameters.names.enumerated() {
    let numeric = numericalGradient([parameters.tensors[index]], 0) { values in
      var l = layer
      var p = parameters
      p.set(index, values[0])
      l.parameters = p
      return f(l, input)
    }
    guard let analytic = dp[name] else {
      Issue.record("\(label): no gradient for \(name)")
      continue
    }
    expectGradient(analytic, numeric, tolerance: 1e-6, "\(label) \(name)")
  }
}

@Suite("Layer gradients (finite differences in Double)")
struct LayerGradientTests {
  let x = randomTensor([6, 5], seed: 1)

  @Test func linear() {
    var random = SeededGenerator(seed: 2)
    checkLayer(Linear<Double>(inputs: 5, outputs: 4, random: &random), input: x, "Linear")
    checkLayer(Linear<Double>(inputs: 5, outputs: 3, bias: false, random: &random), input: x, "Linear without bias")
  }

  @Test func batchNorm() {
    var layer = BatchNorm1d<Double>(features: 5)
    layer.weight = randomTensor([5], seed: 3)
    layer.bias = randomTensor([5], seed: 4)
    layer.runningMean = randomTensor([5], seed: 5, scale: 0.1)
    checkLayer(layer, input: x, training: true, "BatchNorm1d train")
    checkLayer(layer, input: x, training: false, "BatchNorm1d eval")
    checkLayer(BatchNorm1d<Double>(features: 5, affine: false), input: x, "BatchNorm1d without affine")
  }

  @Test func activations() {
    checkLayer(ReLU<Double>(), input: x, "ReLU")
    checkLayer(GELU<Double>(), input: x, "GELU")
    checkLayer(L2Normalize<Double>(), input: x, "L2Normalize")
  }

  @Test func weightNormLinear() {
    var random = SeededGenerator(seed: 6)
    var layer = WeightNormLinear<Double>(inputs: 5, outputs: 4, frozenScale: false, random: &random)
    layer.scale = randomTensor([4, 1], seed: 7)
    checkLayer(layer, input: x, "WeightNormLinear")
    checkLayer(WeightNormLinear<Double>(inputs: 5, outputs: 4, random: &random), input: x, "WeightNormLinear frozen g")
  }

  @Test func residualAdapter() {
    var random = SeededGenerator(seed: 9)
    var adapter = ResidualAdapter<Double>(features: 5, hidden: 7, random: &random)
    #expect(adapter.fc2.weight.scalars.allSatisfy { $0 == 0 }, "fc2 starts at zero")
    adapter.fc2 = Linear(inputs: 7, outputs: 5, random: &random)
    checkLayer(adapter, input: x, "ResidualAdapter")
    #expect(adapter.parameters.names == ["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"])
  }

  @Test func sequential() {
    var random = SeededGenerator(seed: 8)
    let model = Sequential<Double>([
      .linear(Linear(inputs: 5, outputs: 7, bias: false, random: &random)), .batchNorm(BatchNorm1d(features: 7)), .relu(ReLU()),
      .linear(Linear(inputs: 7, outputs: 4, random: &random)), .gelu(GELU()), .l2Normalize(L2Normalize()),
    ])
    checkLayer(model, input: x, "Sequential")
    #expect(model.parameters.names == ["0.weight", "1.weight", "1.bias", "3.weight", "3.bias"])
    #expect(model.buffers.names == ["1.running_mean", "1.running_var"])
  }
}
