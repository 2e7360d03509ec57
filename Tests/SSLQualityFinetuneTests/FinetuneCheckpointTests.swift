// ssl-quality · FinetuneCheckpointTests.swift — a checkpoint restores a run exactly.

import Foundation
import Testing
import TestSupport

@testable import SSLQuality
@testable import SSLQualityFinetune
@testable import SSLQualityIO
@testable import SSLQualityTraining

@Suite("finetune checkpoint")
struct FinetuneCheckpointTests {
  func views() throws -> [Matrix] {
    try ["finetune/view0.npy", "finetune/view1.npy"].map { try ArrayFile.open(Fixtures.path($0)).matrix().load(context: .serial) }
  }

  @Test("stopping after an epoch and continuing from the checkpoint ends bit-identical", arguments: FinetuneObjective.allCases)
  func resume(objective: FinetuneObjective) throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let views = try views()
    let settings = FinetuneSettings(objective: objective, features: 16, headHidden: 32, headOutput: 8, epochs: 3, batchSize: 64, seed: 5)
    var straight = FinetuneTrainer(settings: settings, samples: 256, features: 16)
    while !straight.isFinished { straight.trainEpoch(views: views, context: .serial) }
    var first = FinetuneTrainer(settings: settings, samples: 256, features: 16)
    first.trainEpoch(views: views, context: .serial)
    let record = try CheckpointViews(views)
    try FinetuneCheckpoint.write(first, views: record, to: scratch.file("c.safetensors"))
    var resumed = try FinetuneCheckpoint.read(scratch.file("c.safetensors"), settings: settings, views: record)
    #expect(resumed.model.state == first.model.state && resumed.history == first.history)
    while !resumed.isFinished { resumed.trainEpoch(views: views, context: .serial) }
    #expect(resumed.model.state == straight.model.state)
    #expect(resumed.history == straight.history)
    #expect(resumed.model.headBatchesTracked.map(\.count) == straight.model.headBatchesTracked.map(\.count))
  }

  @Test("a checkpoint of other settings is refused") func otherSettings() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let settings = FinetuneSettings(objective: .simclr, features: 16, epochs: 2, batchSize: 64)
    let record = try CheckpointViews(try views())
    try FinetuneCheckpoint.write(FinetuneTrainer(settings: settings, samples: 256, features: 16), views: record, to: scratch.file("c.safetensors"))
    var other = settings
    other.learningRate = 0.5
    #expect(throws: InputError.self) {
      try FinetuneCheckpoint.read(scratch.file("c.safetensors"), settings: other, views: record)
    }
  }
}
