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
    // The numbers of each point (its intervals and tests are objects).
    let curve = try #require(object["curve"] as? [[String: Any]]).map { $0.compactMapValues { $0 as? Double } }
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

  @Test("--keep creates its directory, writes the ranking's prefix, reports the accuracy there and what it wrote")
  func keepOutputs() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let out = scratch.file("kept/quarter")
    let object = try CLI.json(["compress"] + digits + ["--keep", "0.25", "--out", out, "--json-out", scratch.file("keep.json")])
    #expect(((try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []).sorted() == ["kept_features.npy", "test.npy", "train.npy"])
    let keep = try #require(object["keep"] as? [String: Any])
    #expect(keep["kept"] as? Int == 16 && keep["files"] as? [String] == ["train.npy", "test.npy", "kept_features.npy"].map { out + "/" + $0 })
    #expect(object["curve"] == nil, "--keep runs no sweep")
    // The reported accuracy is the probe's on the written files.
    let probe = try CLI.json(["probe", "--train", out + "/train.npy", "--train-labels", "fixtures/probe/digits_train_labels.npy",
                              "--test", out + "/test.npy", "--test-labels", "fixtures/probe/digits_test_labels.npy"])
    #expect(abs((keep["accuracy"] as? Double ?? -1) - (probe["accuracy"] as? Double ?? 1)) <= 0.005)
    #expect(object["full_accuracy"] as? Double == (try CLI.json(["probe"] + digits))["accuracy"] as? Double)
    let text = try CLI.run(["compress"] + digits + ["--keep", "0.25", "--out", out])
    #expect(text.stdout.contains("kept 16 of 64 features") && text.stdout.contains("wrote \(out)/train.npy, \(out)/test.npy, \(out)/kept_features.npy"))
    #expect(try CLI.run(["compress"] + digits + ["--keep", "0.25", "--out", out, "--csv", scratch.file("c.csv")]).status == 2)
    let kept = try ArrayFile.open(out + "/kept_features.npy").labels()
    #expect(kept.count == 16 && Set(kept).count == 16)
    let features = try #require(try CLI.json(["features", "fixtures/probe/digits_train.npy"])["activation_frequency"] as? [Double])
    let dset = Set(try #require(try CLI.json(["features", "fixtures/probe/digits_train.npy"])["discriminative_features"] as? [Int]))
    // The prefix of the discriminative ranking: Dset first by A_j descending, then the rest.
    let ranking = features.indices.sorted { a, b in
      dset.contains(a) != dset.contains(b) ? dset.contains(a) : features[a] != features[b] ? features[a] > features[b] : a < b
    }
    #expect(kept == Array(ranking.prefix(16)))
    let train = try ArrayFile.open(out + "/train.npy"), original = try ArrayFile.open(Fixtures.path("probe/digits_train.npy"))
    #expect(train.layout.shape == [1200, 16])
    let values = train.floats(), source = original.floats()
    for row in [0, 599, 1199] { for (k, j) in kept.enumerated() { #expect(values[row * 16 + k] == source[row * 64 + j]) } }
    #expect(try ArrayFile.open(out + "/test.npy").layout.shape == [597, 16])
    if Python.withNumpy != nil {
      let check = try Python.run(
        """
        import numpy as np, sys
        d, src = sys.argv[1], sys.argv[2]
        kept = np.load(d + '/kept_features.npy')
        ok = np.array_equal(np.load(d + '/train.npy'), np.load(src + '/digits_train.npy')[:, kept]) and \
             np.array_equal(np.load(d + '/test.npy'), np.load(src + '/digits_test.npy')[:, kept])
        print(kept.dtype.str, ok)
        """, arguments: [out, Fixtures.path("probe")])
      #expect(check == "<i8 True\n")
    }
  }

  @Test("at fraction 1.0 every ranking keeps the same features and gets one accuracy, fitted once")
  func fullFractionIsOneFit() throws {
    let object = try CLI.json(["compress"] + demo + ["--fractions", "1.0", "--seeds", "3"])
    let point = try #require((object["curve"] as? [[String: Any]])?.first?.compactMapValues { $0 as? Double })
    let full = try #require(object["full_accuracy"] as? Double)
    #expect(point["discriminative"] == full && point["variance"] == full && point["random_mean"] == full)
    #expect(point["random_std"] == 0)
    let text = try CLI.run(["compress"] + demo + ["--fractions", "1.0", "--seeds", "3"]).stdout
    #expect(text.contains("only the full set (fraction 1) stays within 1 point"))
  }

  @Test("the verdict states the random spread it is compared with") func verdict() throws {
    let arguments = ["compress"] + digits + ["--fractions", "0.9,1.0", "--epsilon", "1"]
    let object = try CLI.json(arguments + ["--seeds", "3"])
    let verdict = try #require(object["verdict"] as? [String: Any])
    let point = try #require((object["curve"] as? [[String: Any]])?.first?.compactMapValues { $0 as? Double })
    #expect(verdict["fraction"] as? Double == 0.9 && verdict["seeds"] as? Int == 3)
    #expect(verdict["random_std"] as? Double == point["random_std"])
    #expect(abs((verdict["gap"] as? Double ?? 1) - (point["discriminative"]! - point["random_mean"]!)) < 1e-12)
    // A gap of +0.78 points against a random spread of 0.62 points is 1.3 standard deviations: not a difference.
    #expect(verdict["outcome"] as? String == "within_random_spread")
    let text = try CLI.run(arguments + ["--seeds", "3"]).stdout
    #expect(text.contains("+0.78 points (random 97.04% ± 0.62% over 3 seeds) (1.3 std): within two standard deviations"))
    #expect(try CLI.run(arguments + ["--seeds", "1"]).stdout.contains("too few seeds to measure the random spread"))
  }

  @Test("invalid fractions exit 2", arguments: ["0", "1.5", "-0.1", "", "0.2,x"])
  func invalidFractions(fractions: String) throws {
    #expect(try CLI.run(["compress"] + digits + ["--fractions", fractions]).status == 2)
  }
}
