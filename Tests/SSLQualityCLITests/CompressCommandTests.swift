// ssl-quality · CompressCommandTests.swift — `ssl-quality compress` end to end.

import Foundation
import Testing
import TestSupport

@testable import SSLQualityIO

@Suite("compress command")
struct CompressCommandTests {
  let demo = ["--train", "fixtures/demo/train.npy", "--train-labels", "fixtures/demo/train_labels.npy",
              "--test", "fixtures/demo/test.npy", "--test-labels", "fixtures/demo/test_labels.npy"]
  let digits = ["--train", "fixtures/probe/digits_train.npy", "--train-labels", "fixtures/probe/digits_train_labels.npy",
                "--test", "fixtures/probe/digits_test.npy", "--test-labels", "fixtures/probe/digits_test_labels.npy"]

  @Test("the sweep on the demo data agrees with scikit-learn") func demoParity() throws {
    // Four of the ten fractions keep the debug-build test short; the reference is cold-started
    // at every fraction, so skipping fractions only changes our warm-start path.
    let object = try CLI.json(["compress"] + demo + ["--fractions", "0.1,0.3,0.6,1.0"])
    let reference = try #require(try JSONSerialization.jsonObject(with: Fixtures.data("compress/expected.json")) as? [String: Any])
    let curve = try #require(object["curve"] as? [[String: Double]])
    let want = try #require(reference["curve"] as? [[String: Double]]).filter { [0.1, 0.3, 0.6, 1.0].contains($0["fraction"]!) }
    #expect(curve.count == 4 && want.count == 4)
    for (got, expected) in zip(curve, want) {
      #expect(got["kept"] == expected["kept"])
      #expect(abs(got["discriminative"]! - expected["discriminative"]!) <= 0.005, "discriminative at \(got["fraction"]!)")
      #expect(abs(got["variance"]! - expected["variance"]!) <= 0.005, "variance at \(got["fraction"]!)")
      #expect(abs(got["random_mean"]! - expected["random_mean"]!) <= 0.02, "random at \(got["fraction"]!)")
    }
    for key in ["full_accuracy", "compressible_fraction", "protocol"] { #expect(object[key] != nil, "missing \(key)") }
    let protocolKnobs = try #require(object["protocol"] as? [String: Any])
    for key in ["epsilon", "band", "C", "seeds", "fractions"] { #expect(protocolKnobs[key] != nil, "missing protocol.\(key)") }
  }

  @Test("fraction 1.0 equals the plain probe") func fullFractionIsThePlainProbe() throws {
    let sweep = try CLI.json(["compress"] + digits + ["--fractions", "1.0", "--seeds", "1", "--max-iter", "100"])
    let probe = try CLI.json(["probe"] + digits)
    #expect(sweep["full_accuracy"] as? Double == probe["accuracy"] as? Double)
  }

  @Test("--keep writes the ranking's prefix, loadable with the expected shape and values") func keepOutputs() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let result = try CLI.run(["compress"] + digits + ["--fractions", "0.5", "--seeds", "1", "--keep", "0.25", "--out", scratch.path,
                                                     "--csv", scratch.file("curve.csv"), "--plot", scratch.file("curve.svg")])
    #expect(result.status == 0)
    #expect(scratch.contents() == ["curve.csv", "curve.svg", "kept_features.npy", "test.npy", "train.npy"])
    let kept = try ArrayFile.open(scratch.file("kept_features.npy")).labels()
    #expect(kept.count == 16 && Set(kept).count == 16)
    let features = try #require(try CLI.json(["features", "fixtures/probe/digits_train.npy"])["activation_frequency"] as? [Double])
    let dset = Set(try #require(try CLI.json(["features", "fixtures/probe/digits_train.npy"])["discriminative_features"] as? [Int]))
    // The prefix of the discriminative ranking: Dset first by A_j descending, then the rest.
    let ranking = features.indices.sorted { a, b in
      dset.contains(a) != dset.contains(b) ? dset.contains(a) : features[a] != features[b] ? features[a] > features[b] : a < b
    }
    #expect(kept == Array(ranking.prefix(16)))
    let train = try ArrayFile.open(scratch.file("train.npy")), original = try ArrayFile.open(Fixtures.path("probe/digits_train.npy"))
    #expect(train.layout.shape == [1200, 16])
    let values = train.floats(), source = original.floats()
    for row in [0, 599, 1199] { for (k, j) in kept.enumerated() { #expect(values[row * 16 + k] == source[row * 64 + j]) } }
    #expect(try ArrayFile.open(scratch.file("test.npy")).layout.shape == [597, 16])
    if Python.withNumpy != nil {
      let check = try Python.run(
        """
        import numpy as np, sys
        d, src = sys.argv[1], sys.argv[2]
        kept = np.load(d + '/kept_features.npy')
        ok = np.array_equal(np.load(d + '/train.npy'), np.load(src + '/digits_train.npy')[:, kept]) and \
             np.array_equal(np.load(d + '/test.npy'), np.load(src + '/digits_test.npy')[:, kept])
        print(kept.dtype.str, ok)
        """, arguments: [scratch.path, Fixtures.path("probe")])
      #expect(check == "<i8 True\n")
    }
  }

  @Test("invalid fractions exit 2", arguments: ["0", "1.5", "-0.1", "", "0.2,x"])
  func invalidFractions(fractions: String) throws {
    #expect(try CLI.run(["compress"] + digits + ["--fractions", fractions]).status == 2)
  }
}
