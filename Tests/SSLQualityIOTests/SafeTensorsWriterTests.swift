// ssl-quality · SafeTensorsWriterTests.swift — written .safetensors files read back.

import SSLQualityIO
import TestSupport
import Testing

@Suite("safetensors writer")
struct SafeTensorsWriterTests {
  @Test func roundTrip() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let path = scratch.file("state.safetensors")
    try SafeTensorsWriter.write(
      [
        .init(name: "layers.0.weight", shape: [2, 3], values: .float32([1, -2, 3.5, 0, 1e-8, 7])),
        .init(name: "layers.1.num_batches_tracked", shape: [], values: .int64([12])),
      ], metadata: ["format": "pt"], to: path)
    let arrays = try ArrayFile.openAll(path)
    #expect(arrays.count == 2)
    let weight = try ArrayFile.open(path + ":layers.0.weight")
    #expect(weight.layout.shape == [2, 3] && weight.layout.dtype == "<f4")
    #expect(weight.floats() == [1, -2, 3.5, 0, 1e-8, 7])
    let count = try ArrayFile.open(path + ":layers.1.num_batches_tracked")
    #expect(count.layout.shape == [] && count.doubles() == [12])
  }
}
