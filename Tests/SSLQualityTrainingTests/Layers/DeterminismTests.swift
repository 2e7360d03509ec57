// ssl-quality · DeterminismTests.swift — same seed, same bits, whatever the thread count.

import SSLQuality
import SSLQualityTraining
import Testing

@Suite("Determinism", .serialized)
struct DeterminismTests {
  /// Two training steps of a small model from `seed` with OpenBLAS on `threads` threads.
  private func train(seed: UInt64, threads: Int) -> ParameterSet<Float> {
    ExecutionContext(threads: threads).blas { trainSteps(seed: seed) }
  }

  private func trainSteps(seed: UInt64) -> ParameterSet<Float> {
    var random = SeededGenerator(seed: seed)
    var model = Sequential<Float>([
      .linear(Linear(inputs: 64, outputs: 96, bias: false, random: &random)), .batchNorm(BatchNorm1d(features: 96)),
      .relu(ReLU()), .linear(Linear(inputs: 96, outputs: 32, random: &random)),
    ])
    var optimizer = SGD<Float>(momentum: 0.9, weightDecay: 1e-4)
    for _ in 0..<2 {
      let x0: Tensor<Float> = random.normalTensor(shape: [128, 64]), x1: Tensor<Float> = random.normalTensor(shape: [128, 64])
      let (y0, tape0) = model.forward(x0, training: true)
      let (y1, tape1) = model.forward(x1, training: true)
      let loss = NTXent(temperature: 0.5).evaluate(y0, y1)
      let g0 = model.backward(loss.gradients[0], tape: tape0).parameters
      let g1 = model.backward(loss.gradients[1], tape: tape1).parameters
      var sum = g0
      for (index, name) in sum.names.enumerated() { sum.set(index, g0[name]! + g1[name]!) }
      var parameters = model.parameters
      optimizer.step(&parameters, gradients: sum, learningRate: 0.1)
      model.parameters = parameters
    }
    return model.stateDict
  }

  @Test func sameSeedSameBits() {
    let one = train(seed: 5, threads: 1)
    #expect(one == train(seed: 5, threads: 1))
    #expect(one == train(seed: 5, threads: 2))
    #expect(one != train(seed: 6, threads: 1))
  }
}
