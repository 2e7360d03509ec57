// ssl-quality · ProbeAgreementTests.swift — probe, score --train and compress fit one probe the same way.

import Foundation
import Testing
import TestSupport

@Suite("one probe protocol for probe, score and compress")
struct ProbeAgreementTests {
  static let data = "fixtures/hostile/small.npy", labels = "fixtures/hostile/small_labels.npy"

  /// Accuracy and convergence reported by each command for the same data and flags.
  static func reports(_ flags: [String]) throws -> [(command: String, accuracy: Double, converged: Bool?, stderr: String)] {
    let split = ["--train", data, "--train-labels", labels]
    func run(_ arguments: [String]) throws -> ([String: Any], String) {
      let result = try CLI.run(arguments + ["--json"])
      guard result.status == 0, let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] else {
        throw CLI.CLIFailure(result: result)
      }
      return (object, result.stderr)
    }
    let (probe, probeErr) = try run(["probe"] + split + ["--test", data, "--test-labels", labels] + flags)
    let (score, scoreErr) = try run(["score", data, "--labels", labels] + split + flags)
    let (compress, compressErr) = try run(["compress"] + split + ["--test", data, "--test-labels", labels, "--fractions", "1", "--seeds", "0"] + flags)
    let misclassification = score["misclassification"] as? [String: Any] ?? [:]
    let scoreProbe = misclassification["probe"] as? [String: Any] ?? [:]
    let protocolKnobs = compress["protocol"] as? [String: Any] ?? [:]
    return [
      ("probe", probe["accuracy"] as? Double ?? .nan, probe["converged"] as? Bool, probeErr),
      ("score", misclassification["accuracy"] as? Double ?? .nan, scoreProbe["converged"] as? Bool, scoreErr),
      ("compress", compress["full_accuracy"] as? Double ?? .nan, protocolKnobs["converged"] as? Bool, compressErr),
    ]
  }

  @Test("the same accuracy, converged, with the default protocol (max-iter 1000) and with other knobs", arguments: [[], ["--C", "3", "--tolerance", "1e-5"]])
  func agree(flags: [String]) throws {
    let reports = try Self.reports(flags)
    for report in reports {
      #expect(report.accuracy == reports[0].accuracy, "\(report.command): \(report.accuracy) vs \(reports[0].accuracy)")
      #expect(report.converged == true, "\(report.command)")
      #expect(!report.stderr.contains("warning"), "\(report.command): \(report.stderr)")
    }
  }

  @Test("a fit stopped by --max-iter is reported as not converged, loudly, by every command")
  func notConverged() throws {
    for report in try Self.reports(["--max-iter", "2", "--tolerance", "1e-9"]) {
      #expect(report.converged == false, "\(report.command)")
      #expect(report.stderr.contains("warning:") && report.stderr.contains("without converging"), "\(report.command): \(report.stderr)")
    }
  }
}
