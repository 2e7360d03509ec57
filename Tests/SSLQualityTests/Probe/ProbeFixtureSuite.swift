// ssl-quality · ProbeFixtureSuite.swift — the scikit-learn / numpy reference cases the probe suites share.

import Foundation
import Testing
import TestSupport

@testable import SSLQuality

/// The reference cases of `fixtures/probe/expected.json` and their train/test splits, for
/// the suites that check probes against scikit-learn and numpy.
protocol ProbeFixtureSuite {}

/// The parsed `probe/expected.json`, read once.
nonisolated(unsafe) private let probeReference: [String: [String: Any]] = Fixtures.cases("probe/expected.json")

/// A reference case's train and test matrices and labels.
struct ProbeSplit {
  var train: Matrix, trainLabels: [Int], test: Matrix, testLabels: [Int]
}

extension ProbeFixtureSuite {
  static var reference: [String: [String: Any]] { probeReference }

  static func split(_ name: String) throws -> ProbeSplit {
    let files = try #require(reference[name]?["files"] as? [String])
    return ProbeSplit(
      train: try loadFloat32NPY(files[0]), trainLabels: try loadInt64NPY(files[1]), test: try loadFloat32NPY(files[2]),
      testLabels: try loadInt64NPY(files[3]))
  }
}
