// ssl-quality · AdapterTrainerTests.swift — the composed training step learns.

import SSLQualityTraining
import Testing

@Suite("Adapter trainer")
struct AdapterTrainerTests {
  @Test func lossFallsOnAFixedBatch() {
    var random = RandomSource(seed: 3)
    var trainer = AdapterTrainer(
      features: 16, hidden: 16, projection: 8, regularizer: QScoreRegularizer(epsilon: 1), optimizer: SGD(momentum: 0.9), random: &random)
    let h: Tensor<Float> = random.normalTensor(shape: [32, 16])
    let noise: Tensor<Float> = random.normalTensor(shape: [32, 16], scale: 0.1)
    let view0 = h, view1 = h + noise
    let first = trainer.step(view0, view1, learningRate: 0.05)
    var last = first
    for _ in 0..<30 { last = trainer.step(view0, view1, learningRate: 0.05) }
    #expect(last.objective < first.objective)
    #expect(first.regularizer != 0)
    #expect(trainer.parameters.names.first == "adapter.fc1.weight")
  }
}
