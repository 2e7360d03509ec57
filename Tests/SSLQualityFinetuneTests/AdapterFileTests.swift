// ssl-quality · AdapterFileTests.swift — adapter.safetensors against an independent numpy implementation.

import Foundation
import Testing
import TestSupport

@testable import SSLQuality
@testable import SSLQualityFinetune
@testable import SSLQualityIO
@testable import SSLQualityTraining

@Suite("adapter file")
struct AdapterFileTests {
  @Test("the committed adapter reproduces numpy's h' = relu(h + fc2(relu(fc1(h)))) to 1e-5") func numpyReference() throws {
    let adapter = try AdapterFile.read(Fixtures.path("finetune/adapter.safetensors"))
    let train = try ArrayFile.open(Fixtures.path("finetune/train.npy")).matrix().load(context: .serial)
    let expected = try ArrayFile.open(Fixtures.path("finetune/train_adapted_numpy.npy")).doubles()
    let adapted = adapter.adapted(train)
    let values = adapted.withUnsafeBufferPointer { Array($0) }
    #expect(values.count == expected.count)
    let worst = zip(values, expected).map { abs(Double($0) - $1) }.max() ?? .infinity
    #expect(worst < 1e-5)
    // The adapter is not the identity, so the comparison is not vacuous.
    let input = train.withUnsafeBufferPointer { Array($0) }
    #expect(zip(input, expected).map { abs(Double($0) - $1) }.max() ?? 0 > 1e-2)
  }

  @Test("streaming in row blocks writes exactly what the in-memory pass computes", arguments: [1, 7, 4096])
  func streamed(blockRows: Int) throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let adapter = try AdapterFile.read(Fixtures.path("finetune/adapter.safetensors"))
    let stored = try ArrayFile.open(Fixtures.path("finetune/train.npy")).matrix()
    try AdapterFile.apply(adapter, to: stored, writing: scratch.file("out.npy"), blockRows: blockRows)
    let written = try ArrayFile.open(scratch.file("out.npy"))
    #expect(written.layout.dtype == "<f4" && written.layout.shape == [256, 16])
    let memory = adapter.adapted(stored.load(context: .serial)).withUnsafeBufferPointer { Array($0) }
    #expect(written.floats() == memory)
  }

  @Test("write then read gives the same adapter; bad files are refused with the problem") func roundTrip() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    var random = SeededGenerator(seed: 1)
    let adapter = ResidualAdapter<Float>(features: 4, hidden: 3, random: &random)
    try AdapterFile.write(adapter, to: scratch.file("a.safetensors"))
    #expect(try AdapterFile.read(scratch.file("a.safetensors")).parameters == adapter.parameters)
    func entry(_ name: String, _ shape: [Int]) -> SafeTensorsWriter.Entry {
      SafeTensorsWriter.Entry(name: name, shape: shape, values: .float32(Array(repeating: 0, count: shape.reduce(1, *))))
    }
    let path = scratch.file("wrong.safetensors")
    try SafeTensorsWriter.write([entry("fc1.weight", [3, 4]), entry("fc1.bias", [3]), entry("fc2.weight", [3, 4]), entry("fc2.bias", [4])], to: path)
    #expect(throws: InputError(path, "fc2.weight has shape [3, 4], expected [4, 3] for fc1.weight [3, 4]")) {
      try AdapterFile.read(path)
    }
    let missing = scratch.file("missing.safetensors")
    try SafeTensorsWriter.write([entry("fc1.weight", [1, 1])], to: missing)
    #expect(throws: InputError(missing, "no tensor named 'fc1.bias'")) { try AdapterFile.read(missing) }
  }
}
