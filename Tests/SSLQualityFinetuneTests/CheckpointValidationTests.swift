// ssl-quality · CheckpointValidationTests.swift — what FinetuneCheckpoint.read refuses, and what it keeps accepting.

import Foundation
import Testing
import TestSupport

@testable import SSLQuality
@testable import SSLQualityFinetune
@testable import SSLQualityIO
@testable import SSLQualityTraining

@Suite("finetune checkpoint validation")
struct CheckpointValidationTests {
  static func views() throws -> [Matrix] {
    try ["finetune/view0.npy", "finetune/view1.npy"].map { try ArrayFile.open(Fixtures.path($0)).matrix().load(context: .serial) }
  }

  static let settings = FinetuneSettings(objective: .simclr, features: 16, headHidden: 16, headOutput: 8, epochs: 3, batchSize: 64)

  /// The problem `read` reports for the checkpoint of one epoch of `settings` after `change`
  /// rewrote its tensors (nil when it is accepted).
  static func problem(
    settings: FinetuneSettings = settings, views: [Matrix]? = nil, _ change: (inout [String: SafeTensorsWriter.Entry]) throws -> Void = { _ in }
  ) throws -> String? {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let trained = try Self.views()
    var trainer = FinetuneTrainer(settings: settings, samples: 256, features: 16)
    trainer.trainEpoch(views: trained, context: .serial)
    let path = scratch.file("c.safetensors")
    try FinetuneCheckpoint.write(trainer, views: try CheckpointViews(trained), to: path)
    var entries: [String: SafeTensorsWriter.Entry] = [:]
    for (name, array) in try ArrayFile.safetensorsMembers(path) {
      let values: SafeTensorsWriter.Entry.Values =
        array.layout.elementType == .int64 ? .int64(try array.labels().map(Int64.init)) : .float32(array.floats())
      entries[name] = .init(name: name, shape: array.layout.shape, values: values)
    }
    try change(&entries)
    try SafeTensorsWriter.write(entries.values.sorted { $0.name < $1.name }, to: path)
    do {
      _ = try FinetuneCheckpoint.read(path, settings: settings, views: try CheckpointViews(views ?? trained))
      return nil
    } catch let error as InputError {
      #expect(error.path == path)
      return error.problem
    }
  }

  static func history(_ entries: [String: SafeTensorsWriter.Entry]) -> [Double] {
    guard case .int64(let bits) = entries["history"]?.values else { return [] }
    return bits.map { Double(bitPattern: UInt64(bitPattern: $0)) }
  }

  static func setHistory(_ fields: [Double], _ entries: inout [String: SafeTensorsWriter.Entry]) {
    entries["history"] = .init(name: "history", shape: [fields.count], values: .int64(fields.map { Int64(bitPattern: $0.bitPattern) }))
  }

  @Test("an undamaged checkpoint is accepted") func undamaged() throws {
    #expect(try Self.problem() == nil)
  }

  @Test("views of the same shape with one value changed are other views") func otherViews() throws {
    var views = try Self.views()
    views[1][3, 2] += 1
    #expect(try Self.problem(views: views)?.hasPrefix("tensor 'digest' differs") == true)
  }

  @Test("a run that collapsed keeps its collapse record through a checkpoint") func collapsed() throws {
    var settings = Self.settings
    settings.collapseThreshold = 1.5  // more than any share: the guard stops the run after its first epoch
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let views = try Self.views()
    var trainer = FinetuneTrainer(settings: settings, samples: 256, features: 16)
    trainer.trainEpoch(views: views, context: .serial)
    guard let stop = trainer.collapse else {
      Issue.record("the collapse guard did not fire")
      return
    }
    try FinetuneCheckpoint.write(trainer, views: try CheckpointViews(views), to: scratch.file("c.safetensors"))
    let read = try FinetuneCheckpoint.read(scratch.file("c.safetensors"), settings: settings, views: try CheckpointViews(views))
    #expect(read.collapse == stop)
    #expect(read.isFinished)
  }

  @Test("a collapse record the history does not bear out is refused") func inventedCollapse() throws {
    let problem = try Self.problem { entries in
      let record = Self.history(entries)
      entries["collapse"] = .init(name: "collapse", shape: [4], values: .int64([1, 0, record[5], 0.1].map { Int64(bitPattern: $0.bitPattern) }))
    }
    #expect(problem == "tensor 'collapse' gives reason 0.0, which the history's epoch 1 does not bear out")
  }

  @Test("a history row with a NaN figure is refused") func nanHistory() throws {
    let problem = try Self.problem { entries in
      var fields = Self.history(entries)
      fields[3] = .nan
      Self.setHistory(fields, &entries)
    }
    #expect(problem == "tensor 'history' epoch 1 holds a non-finite figure")
  }

  @Test("a history whose learning rate is not the run's schedule is refused") func learningRate() throws {
    let problem = try Self.problem { entries in
      var fields = Self.history(entries)
      fields[6] *= 2
      Self.setHistory(fields, &entries)
    }
    #expect(problem?.hasPrefix("tensor 'history' epoch 1 has learning rate") == true)
  }

  @Test("a history numbered out of order is refused") func epochNumbers() throws {
    let problem = try Self.problem { entries in
      var fields = Self.history(entries)
      fields[0] = 2
      Self.setHistory(fields, &entries)
    }
    #expect(problem == "tensor 'history' row 0 is not the record of epoch 1")
  }

  @Test("a missing optimiser moment is refused") func missingMoment() throws {
    let problem = try Self.problem { $0["optimizer.adapter.fc2.bias.exp_avg_sq"] = nil }
    #expect(problem == "has no tensor 'optimizer.adapter.fc2.bias.exp_avg_sq' (not a finetune checkpoint of this run, or a damaged one)")
  }

  @Test("a settings tensor of another run is refused as such") func otherSettings() throws {
    var other = Self.settings
    other.seed = 9
    let problem = try Self.problem(settings: Self.settings) { entries in
      let json = Array(try JSONEncoder.sorted.encode(other)).map(Int64.init)
      entries["settings"] = .init(name: "settings", shape: [json.count], values: .int64(json))
    }
    #expect(problem == "tensor 'settings' differs: the checkpoint was written by a run with other settings; resume with the same flags or remove it")
  }
}

extension JSONEncoder {
  /// An encoder with sorted keys, as checkpoints write their settings.
  static var sorted: JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return encoder
  }
}
