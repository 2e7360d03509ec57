// ssl-quality · FinetuneObjectiveTests.swift — each method names the loss it trains with, and takes that loss's defaults.

import Testing

@testable import SSLQualityFinetune
@testable import SSLQualityTraining

@Suite("finetune objective")
struct FinetuneObjectiveTests {
  @Test("each method trains with the loss of its paper") func losses() {
    let losses = Dictionary(uniqueKeysWithValues: FinetuneObjective.allCases.map { ($0, $0.loss) })
    #expect(
      losses == [
        .simclr: .ntxent, .moco: .ntxent, .byol: .negativeCosine, .simsiam: .negativeCosine, .vicreg: .vicreg,
        .barlowtwins: .barlowtwins, .swav: .swav, .dino: .dino,
      ])
    #expect(!FinetuneObjective.allCases.contains { $0.loss == .qreg })
  }

  @Test("dino's settings default to DINO's loss defaults") func dinoDefaults() {
    let settings = FinetuneSettings(objective: .dino, features: 16)
    #expect(settings.teacherTemperature == DINO.defaultTeacherTemperature)
    #expect(settings.studentTemperature == DINO.defaultStudentTemperature)
    #expect(settings.centerMomentum == DINO.defaultCenterMomentum)
  }

  @Test("the regulariser's settings default to the regulariser's defaults") func regularizerDefaults() {
    let regularizer = FinetuneSettings(objective: .simclr, features: 16).regularizer(features: 16)
    #expect(regularizer.epsilon == QScoreRegularizer.defaultEpsilon)
    #expect(regularizer.band == QScoreRegularizer.defaultBand)
    #expect(regularizer.lambda1 == QScoreRegularizer.defaultLambda1)
    #expect(regularizer.lambda2 == QScoreRegularizer.defaultLambda2)
  }
}
