// ssl-quality · Refusal.swift — a refused run: exit 2, one line naming the culprit, nothing on stdout, small and quick.

import Foundation
import Testing
import TestSupport

/// Runs `ssl-quality arguments...` (from the repository root) and expects a refusal: exit 2,
/// stderr one line that starts with `ssl-quality: ` + `prefix` and contains every piece of
/// `naming`, nothing on stdout, a peak RSS under `peakMB` and a run under `seconds`.
func expectRefusal(
  _ arguments: [String], prefix: String, naming: [String] = [], peakMB: Int = 200, seconds: Double = 30,
  sourceLocation: SourceLocation = #_sourceLocation
) throws {
  let started = Date()
  let run = try MeasuredRun(CLI.executable, arguments, directory: Fixtures.root.path, killAfter: seconds * 2)
  let elapsed = Date().timeIntervalSince(started)
  #expect(run.status == 2, "exit \(run.status), stderr: \(run.stderr)", sourceLocation: sourceLocation)
  #expect(run.stderr.hasPrefix("ssl-quality: " + prefix), "stderr: \(run.stderr)", sourceLocation: sourceLocation)
  #expect(run.stderr.split(separator: "\n").count == 1, "stderr: \(run.stderr)", sourceLocation: sourceLocation)
  for piece in naming { #expect(run.stderr.contains(piece), "stderr lacks \(piece): \(run.stderr)", sourceLocation: sourceLocation) }
  #expect(run.stdout.isEmpty, "stdout: \(run.stdout)", sourceLocation: sourceLocation)
  #expect(run.peakKB <= peakMB * 1024, "peak RSS \(run.peakKB / 1024) MB > \(peakMB) MB", sourceLocation: sourceLocation)
  #expect(elapsed <= seconds, "took \(elapsed) s", sourceLocation: sourceLocation)
}
