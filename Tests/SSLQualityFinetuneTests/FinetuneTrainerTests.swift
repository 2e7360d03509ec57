// ssl-quality · FinetuneTrainerTests.swift — finetune's composed training step learns.

import SSLQuality
import SSLQualityFinetune
import SSLQualityTraining
import Testing

@Suite("Finetune trainer")
struct FinetuneTrainerTests {
  /// The step `finetune` runs (adapter + SimCLR head + NT-Xent + R, SGD), repeated on one
  /// fixed batch of two views, lowers the objective; R is part of it.
  @Test func lossFallsOnAFixedBatch() {
    var random = SeededGenerator(seed: 3)
    let settings = FinetuneSettings(
      objective: .simclr, features: 16, hidden: 16, headOutput: 8, epochs: 31, batchSize: 32, learningRate: 0.05, optimizer: .sgd,
      weightDecay: 0, momentum: 0.9, epsilon: 1)
    var trainer = FinetuneTrainer(settings: settings, samples: 32, features: 16)
    let h: Tensor<Float> = random.normalTensor(shape: [32, 16])
    let noise: Tensor<Float> = random.normalTensor(shape: [32, 16], scale: 0.1)
    let views = [h, h + noise]
    let regularizer = settings.regularizer(features: 16)
    let first = trainer.trainStep(views, step: 0, regularizer: regularizer, context: .serial)
    var last = first
    for step in 1...30 { last = trainer.trainStep(views, step: step, regularizer: regularizer, context: .serial) }
    #expect(last.objective < first.objective)
    #expect(first.regularizer != 0)
    #expect(trainer.model.parameters.names.first == "adapter.fc1.weight")
  }
}
