// ssl-quality · AnalysisResultRoundTripTests.swift — every other analysis's result read back from its JSON.

import Foundation
import SSLQuality
import SSLQualityAnalysis
import TestSupport
import Testing

@Suite struct AnalysisResultRoundTripTests {
  static let demo = Fixtures.path("demo/test.npy")
  static let digits = ProbeAnalysisTests.digits

  @Test func features() throws {
    try expectRoundTrip(try FeaturesAnalysis(embeddings: Self.demo).run(context: .serial, notices: .silent).result)
  }

  @Test func inspect() throws {
    var inspect = InspectAnalysis(files: [Self.demo, Fixtures.path("demo/test_labels.npy"), Fixtures.path("formats/tensors.safetensors")])
    inspect.stats = true
    let result = try inspect.run(context: .serial, notices: .silent)
    #expect(result.files[1].classCounts != nil)
    try expectRoundTrip(result)
  }

  @Test func compressSweepAndKeep() throws {
    let d = Self.digits
    var compress = CompressAnalysis(train: d.train, trainLabels: d.trainLabels, test: d.test, testLabels: d.testLabels, probe: LogisticRegressionProbe())
    (compress.fractions, compress.seeds) = ([0.5, 1], 2)
    guard case .sweep(let sweep, _, _, _) = try compress.run(context: .serial, notices: .silent) else { Issue.record("expected a sweep"); return }
    #expect(sweep.provenance.protocol.convergence != nil)
    try expectRoundTrip(sweep)
    compress.keep = (0.5, ["a.npy", "b.npy", "c.npy"])
    guard case .keep(let keep, _, _, let columns) = try compress.run(context: .serial, notices: .silent) else { Issue.record("expected --keep"); return }
    #expect(keep.keep.kept == columns.count && keep.provenance.protocol.convergence == nil)
    try expectRoundTrip(keep)
  }

  @Test func interpret() throws {
    let dir = Fixtures.path("interpret")
    var interpret = InterpretAnalysis(heatmaps: dir + "/salient_heatmaps.npy")
    (interpret.images, interpret.salientImagenet, interpret.mturk) = (dir + "/salient_images.txt", dir + "/salient", dir + "/mturk.csv")
    (interpret.predictions, interpret.labels) = (dir + "/salient_predictions.npy", dir + "/salient_labels.npy")
    try expectRoundTrip(try interpret.run(context: .serial, notices: .silent).result)
  }

  @Test func spectrumCalibrationAndComparison() throws {
    try expectRoundTrip(try SpectrumAnalysis(embeddings: Self.demo).run(context: .serial, notices: .silent).result)
    var calibrate = CalibrateAnalysis(embeddings: Self.demo)
    (calibrate.labels, calibrate.predictions) = (Fixtures.path("demo/test_labels.npy"), Fixtures.path("demo/test_predictions.npy"))
    try expectRoundTrip(try calibrate.run(context: .serial, notices: .silent).result)
    var compare = CompareAnalysis(embeddings: [Self.demo, Self.demo])
    compare.names = ["a", "b"]
    try expectRoundTrip(try compare.run(context: .serial, notices: .silent))
  }

  @Test func objective() throws {
    let outcome = try ObjectiveAnalysis(kind: .vicreg, inputs: [Fixtures.path("training/vicreg.npz:input_0"), Fixtures.path("training/vicreg.npz:input_1")])
      .run(context: .serial)
    #expect(outcome.evaluation.gradients.count == 2 && outcome.result.inputs.count == 2)
    try expectRoundTrip(outcome.result)
  }
}
