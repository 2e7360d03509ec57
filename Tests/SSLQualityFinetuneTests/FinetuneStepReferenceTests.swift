// ssl-quality · FinetuneStepReferenceTests.swift — three training steps of MoCo, SwAV and DINO against PyTorch + lightly.

import Foundation
import Testing
import TestSupport

@testable import SSLQuality
@testable import SSLQualityFinetune
@testable import SSLQualityIO
@testable import SSLQualityTraining

/// `fixtures/finetune/steps_<method>.safetensors` (``fixtures/make_finetune_reference.py steps``):
/// a starting state, three steps' batches, and lightly's losses and final state in float64.
@Suite("finetune steps against PyTorch")
struct FinetuneStepReferenceTests {
  @Test("three steps of the method (queue, prototypes, teacher and centre included) match torch", arguments: [
    FinetuneObjective.moco, .swav, .dino,
  ])
  func threeSteps(objective: FinetuneObjective) throws {
    let members = try ArrayFile.safetensorsMembers(Fixtures.path("finetune/steps_\(objective.rawValue).safetensors"))
    let settings = FinetuneSettings(
      objective: objective, features: 12, hidden: 10, headHidden: 12, headOutput: objective == .dino ? 10 : 6, epochs: 2,
      batchSize: 16, learningRate: 0.05, optimizer: .sgd, weightDecay: 1e-4, momentum: 0.9, lambda1: 0, lambda2: 0,
      memoryBankSize: 20, prototypes: 7, headBottleneck: 4)
    var trainer = FinetuneTrainer(settings: settings, samples: 48, features: 12)
    var state = trainer.model.state
    // The fixture names every tensor of the model's state, and nothing else.
    let initialNames = Set(members.keys.filter { $0.hasPrefix("initial.") }.map { String($0.dropFirst("initial.".count)) })
    #expect(initialNames == Set(state.names))
    for index in 0..<state.count {
      let array = try #require(members["initial.\(state.names[index])"])
      state.set(index, Tensor(shape: state.tensors[index].shape, scalars: array.floats()))
    }
    trainer.model.state = state
    let regularizer = settings.regularizer(features: 12)
    let views = objective == .moco ? 2 : 3
    let losses = try #require(members["loss"]).doubles()
    for step in 0..<3 {
      let batches = try (0..<views).map { v in
        Tensor<Float>(rows: 16, columns: 12, scalars: try #require(members["batch.\(step).\(v)"]).floats())
      }
      let outcome = trainer.trainStep(batches, step: step, regularizer: regularizer, context: .serial)
      #expect(abs(outcome.objective - losses[step]) < 1e-5 * max(1, abs(losses[step])), "step \(step): \(outcome.objective) vs \(losses[step])")
    }
    let final = trainer.model.state
    for (name, tensor) in zip(final.names, final.tensors) {
      let expected = try #require(members["expected.\(name)"]).doubles()
      // Float32 against float64, relative to the tensor's largest entry (DINO's tiny
      // bottleneck outputs, divided by their norms, move its last bias by hundreds).
      let worst = zip(tensor.scalars, expected).map { abs(Double($0) - $1) }.max() ?? .infinity
      let scale = max(1, expected.map(abs).max() ?? 0)
      #expect(worst < 2e-5 * scale, "\(name): max |Δ| \(worst), largest entry \(scale)")
    }
    if objective == .moco {
      #expect(trainer.model.memoryBankPointer == (try #require(members["memory_bank_pointer"]).labels().first))
    }
  }
}
