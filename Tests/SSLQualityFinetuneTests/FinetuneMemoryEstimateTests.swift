// ssl-quality · FinetuneMemoryEstimateTests.swift — the memory estimate covers the model it describes and spares ordinary runs.

import Testing

@testable import SSLQualityFinetune
@testable import SSLQualityTraining

@Suite("finetune memory estimate")
struct FinetuneMemoryEstimateTests {
  @Test("covers the model's own state six times over, for every objective", arguments: FinetuneObjective.allCases)
  func coversModel(objective: FinetuneObjective) {
    let settings = FinetuneSettings(
      objective: objective, features: 24, hidden: 40, headHidden: 56, headOutput: 32, batchSize: 8, memoryBankSize: objective == .moco ? 64 : nil,
      prototypes: objective == .swav ? 48 : nil, headBottleneck: objective == .dino ? 12 : nil)
    let model = FinetuneModel(settings: settings, features: 24)
    let parameters = model.parameters.tensors.map(\.count).reduce(0, +)
    let state = model.state.tensors.map(\.count).reduce(0, +)
    let estimate = settings.memoryEstimate(features: 24, views: 2)
    #expect(estimate >= Double(4 * (state + 5 * parameters)))
    #expect(estimate <= Double(4 * 30 * state), "\(estimate) B for a state of \(state) floats")
  }

  @Test("ordinary runs on 2048 features need less than 8 GB", arguments: FinetuneObjective.allCases)
  func ordinary(objective: FinetuneObjective) {
    let settings = FinetuneSettings(objective: objective, features: 2048)
    #expect(settings.memoryEstimate(features: 2048, views: objective.isMultiCrop ? 4 : 2) < 8e9)
  }

  @Test("a width of 10^9 needs more than a petabyte, without overflowing") func absurd() {
    let settings = FinetuneSettings(objective: .vicreg, features: 16, headHidden: 1_000_000_000, headOutput: 1_000_000_000)
    let estimate = settings.memoryEstimate(features: 16, views: 2)
    #expect(estimate.isFinite && estimate > 1e15)
  }
}
