// ssl-quality · HeadReferenceTests.swift — lightly's heads with PyTorch's weights.

import SSLQuality
import SSLQualityIO
import SSLQualityTraining
import TestSupport
import Testing

/// The head `name` of the reference script, built at its small sizes.
private func makeHead(_ name: String) -> any Layer<Float> {
  var random = SeededGenerator(seed: 0)
  switch name {
  case "simclr": return ProjectionHead<Float>.simCLR(inputs: 12, hidden: 16, outputs: 6, random: &random)
  case "simclr_3layers": return ProjectionHead<Float>.simCLR(inputs: 12, hidden: 16, outputs: 6, layers: 3, random: &random)
  case "moco": return ProjectionHead<Float>.moCo(inputs: 12, hidden: 16, outputs: 6, random: &random)
  case "simsiam_projection": return ProjectionHead<Float>.simSiamProjection(inputs: 12, hidden: 16, outputs: 6, random: &random)
  case "barlowtwins", "vicreg": return ProjectionHead<Float>.barlowTwins(inputs: 12, hidden: 16, outputs: 6, random: &random)
  case "swav_prototypes": return SwAVPrototypes<Float>(inputs: 12, prototypes: 7, random: &random)
  case "dino": return DINOHead<Float>(inputs: 12, hidden: 16, bottleneck: 8, outputs: 10, random: &random)
  default: return ProjectionHead<Float>.twoLayer(inputs: 12, hidden: 16, outputs: 6, random: &random)
  }
}

/// Expects `a` within 1e-5 of `b`, relative to `b`'s largest entry (at least 1).
private func expectClose(_ a: Tensor<Float>, _ b: Tensor<Double>, _ label: String) {
  #expect(a.shape == b.shape, "\(label): shape")
  let error = maxDifference(a, b) / max(1, maxMagnitude(b))
  #expect(error <= 1e-5, "\(label): off by \(error)")
}

@Suite("Heads against lightly 1.6 with the same weights")
struct HeadReferenceTests {
  @Test(arguments: [
    "simclr", "simclr_3layers", "moco", "byol_projection", "byol_prediction", "simsiam_projection", "simsiam_prediction",
    "barlowtwins", "vicreg", "swav_projection", "swav_prototypes", "dino",
  ])
  func head(name: String) throws {
    var head = makeHead(name)
    let stored = try ArrayFile.openAll(Fixtures.path("training/head_\(name).safetensors"))
    let state = ParameterSet(stored.map { ($0.name.split(separator: ":").last.map(String.init) ?? $0.name, Tensor<Float>(shape: $0.layout.shape, scalars: $0.floats())) })
    #expect(Set(state.names) == Set(head.stateDict.names), "\(name): state-dict names")
    #expect(head.load(state).isEmpty)
    let reference = Reference("head_\(name)")
    let x: Tensor<Float> = try reference.tensor("input")
    let (y, tape) = head.forward(x, training: true)
    expectClose(y, try reference.tensor("output"), "\(name) output")
    let (dx, grads) = head.backward(try reference.tensor("upstream"), tape: tape)
    expectClose(dx, try reference.tensor("grad_input"), "\(name) input gradient")
    for parameter in head.parameters.names {
      expectClose(grads[parameter]!, try reference.tensor("grad." + parameter), "\(name) ∂\(parameter)")
    }
    for buffer in head.buffers.names where buffer.contains("running") {
      expectClose(head.buffers[buffer]!, try reference.tensor("after." + buffer), "\(name) \(buffer)")
    }
    expectClose(head(x), try reference.tensor("eval_output"), "\(name) evaluation output")
  }

  @Test func stateDictRoundTripsThroughSafeTensors() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    var random = SeededGenerator(seed: 4)
    let head = ProjectionHead<Float>.simCLR(inputs: 12, hidden: 16, outputs: 6, random: &random)
    let path = scratch.file("head.safetensors")
    try SafeTensorsWriter.write(
      zip(head.stateDict.names, head.stateDict.tensors).map { .init(name: $0, shape: $1.shape, values: .float32($1.scalars)) }, to: path)
    var copy = ProjectionHead<Float>.simCLR(inputs: 12, hidden: 16, outputs: 6, random: &random)
    #expect(copy.stateDict != head.stateDict)
    let stored = try ArrayFile.openAll(path)
    copy.load(ParameterSet(stored.map { (String($0.name.split(separator: ":").last!), Tensor<Float>(shape: $0.layout.shape, scalars: $0.floats())) }))
    #expect(copy.stateDict == head.stateDict)
  }
}
