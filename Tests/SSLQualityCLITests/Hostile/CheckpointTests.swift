// ssl-quality · CheckpointTests.swift — damaged or foreign checkpoints given to `finetune --resume` are refused, naming the tensor.

import Foundation
import SSLQualityIO
import Testing
import TestSupport

@Suite("hostile inputs: finetune checkpoints")
struct CheckpointTests {
  /// One damage done to the checkpoint of a finished one-epoch run before resuming it.
  struct Damage: CustomTestStringConvertible, Sendable {
    var name: String
    /// Flags of the run besides the shared ones.
    var flags: [String] = []
    /// What the message must name after the checkpoint's path.
    var naming: String
    /// Changes the checkpoint's tensors, by name.
    var change: @Sendable (inout [String: SafeTensorsWriter.Entry]) -> Void
    var testDescription: String { name }
  }

  static let moco = ["--objective", "moco", "--memory-bank-size", "128"]

  static let cases: [Damage] = [
    Damage(name: "an exp_avg of half length", naming: "tensor 'optimizer.adapter.fc1.weight.exp_avg' has shape [128], expected [16, 16]") {
      guard case .float32(let values) = $0["optimizer.adapter.fc1.weight.exp_avg"]?.values else { return }
      $0["optimizer.adapter.fc1.weight.exp_avg"] = .init(
        name: "optimizer.adapter.fc1.weight.exp_avg", shape: [values.count / 2], values: .float32(Array(values.prefix(values.count / 2))))
    },
    Damage(name: "a MoCo queue pointer of 10^6", flags: moco, naming: "tensor 'model.memory_bank_pointer' is 1000000, outside the queue's rows 0..<128") {
      $0["model.memory_bank_pointer"] = .init(name: "model.memory_bank_pointer", shape: [1], values: .int64([1_000_000]))
    },
    Damage(name: "a MoCo queue pointer of -3", flags: moco, naming: "tensor 'model.memory_bank_pointer' is -3, outside the queue's rows 0..<128") {
      $0["model.memory_bank_pointer"] = .init(name: "model.memory_bank_pointer", shape: [1], values: .int64([-3]))
    },
    Damage(name: "NaN in the collapse record", naming: "tensor 'collapse' names epoch nan") {
      let bits = [Double.nan, 0, 0.05, 0.1].map { Int64(bitPattern: $0.bitPattern) }
      $0["collapse"] = .init(name: "collapse", shape: [4], values: .int64(bits))
    },
    Damage(name: "a step count of 2^62", naming: "tensor 'optimizer.steps' is 4611686018427387904, but the 1 epochs done make 4") {
      $0["optimizer.steps"] = .init(name: "optimizer.steps", shape: [1], values: .int64([1 << 62]))
    },
    Damage(name: "a history of 200 000 epochs", naming: "tensor 'history' has shape [1400000], expected at most 7 values (7 for each of the run's 1 epochs)") {
      guard case .int64(let row) = $0["history"]?.values else { return }
      let rows = [Int64]((0..<200_000).lazy.flatMap { _ in row })
      $0["history"] = .init(name: "history", shape: [rows.count], values: .int64(rows))
    },
    Damage(name: "a NaN weight", naming: "tensor 'model.adapter.fc1.weight' holds a non-finite value at flat index 5") {
      guard case .float32(var values) = $0["model.adapter.fc1.weight"]?.values else { return }
      values[5] = .nan
      $0["model.adapter.fc1.weight"] = .init(name: "model.adapter.fc1.weight", shape: [16, 16], values: .float32(values))
    },
    Damage(name: "a weight stored as integers", naming: "tensor 'model.adapter.fc2.bias' is int64") {
      $0["model.adapter.fc2.bias"] = .init(name: "model.adapter.fc2.bias", shape: [16], values: .int64(Array(repeating: 0, count: 16)))
    },
    Damage(name: "a BatchNorm counter beyond the batches seen", naming: "tensor 'model.projection_head.layers.1.num_batches_tracked' is 9") {
      $0["model.projection_head.layers.1.num_batches_tracked"] = .init(
        name: "model.projection_head.layers.1.num_batches_tracked", shape: [1], values: .int64([9]))
    },
    Damage(name: "a tensor the run does not have", naming: "tensor 'model.extra' is not part of this run's state") {
      $0["model.extra"] = .init(name: "model.extra", shape: [1], values: .float32([0]))
    },
  ]

  static func run(_ flags: [String], views: [String] = ["view0", "view1"], out: String) -> [String] {
    ["finetune", "--views"] + views.map { Fixtures.path("finetune/\($0).npy") }
      + ["--epochs", "1", "--batch-size", "64", "--head-hidden", "16", "--head-output", "8", "--out", out] + flags
  }

  /// Runs the one-epoch run into `out` and leaves only its checkpoint there.
  static func checkpoint(_ flags: [String], out: String) throws -> String {
    let first = try CLI.run(run(flags, out: out))
    #expect(first.status == 0, "\(first.stderr)")
    for name in try FileManager.default.contentsOfDirectory(atPath: out) where name != "checkpoint.safetensors" {
      try FileManager.default.removeItem(atPath: "\(out)/\(name)")
    }
    return "\(out)/checkpoint.safetensors"
  }

  @Test("a damaged checkpoint exits 2 naming the file and the tensor, and writes nothing", arguments: cases)
  func damaged(_ damage: Damage) throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let out = scratch.file("out")
    let path = try Self.checkpoint(damage.flags, out: out)
    var entries: [String: SafeTensorsWriter.Entry] = [:]
    for (name, array) in try ArrayFile.safetensorsMembers(path) {
      let values: SafeTensorsWriter.Entry.Values =
        array.layout.elementType == .int64 ? .int64(try array.labels().map(Int64.init)) : .float32(array.floats())
      entries[name] = .init(name: name, shape: array.layout.shape, values: values)
    }
    damage.change(&entries)
    try SafeTensorsWriter.write(entries.values.sorted { $0.name < $1.name }, to: path)
    let before = try Data(contentsOf: URL(fileURLWithPath: path))
    try expectRefusal(Self.run(damage.flags + ["--resume"], out: out), prefix: "\(path): \(damage.naming)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["checkpoint.safetensors"])
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
  }

  @Test("the checkpoint of other views of the same shape is refused") func otherViews() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let out = scratch.file("out")
    let path = try Self.checkpoint([], out: out)
    try expectRefusal(
      Self.run(["--resume"], views: ["view1", "view0"], out: out),
      prefix: "\(path): tensor 'digest' differs: the checkpoint was written for other views")
    #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["checkpoint.safetensors"])
  }

  @Test("an undamaged checkpoint of the same views resumes") func undamaged() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let out = scratch.file("out")
    _ = try Self.checkpoint(Self.moco, out: out)
    let resumed = try CLI.run(Self.run(Self.moco + ["--resume"], out: out))
    #expect(resumed.status == 0, "\(resumed.stderr)")
    #expect(resumed.stderr.contains("resumed after epoch 1"))
  }
}
