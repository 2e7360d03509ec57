// ssl-quality · TruncationTests.swift — an input cut short by another process while it is read.

import Foundation
import SSLQualityIO
import Testing
import TestSupport

@Suite("hostile inputs: a file truncated while it is read")
struct TruncationTests {
  /// Another process truncates the matrix shortly after `score` starts. Whether the cut
  /// lands before the file is opened (the header check) or while its mapped rows are read
  /// (the bus-error guard), the run ends with one line naming the file, exit code 2 and no
  /// output; before the guard it died of SIGBUS with a backtrace.
  @Test func truncatedWhileScoring() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sslq-truncation-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("shrinking.npy").path
    let rows = 16384, columns = 1024
    try NPYWriter.write((0..<(rows * columns)).map { Float($0 % 7) }, shape: [rows, columns], to: path)
    DispatchQueue.global().asyncAfter(deadline: .now() + 0.05) { _ = truncate(path, 4096) }
    let result = try CLI.run(["score", "--threads", "1", "--json", path])
    #expect(result.status == 2, "\(result.stderr)")
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.hasPrefix("ssl-quality: \(path): "), "\(result.stderr)")
    #expect(result.stderr.filter { $0 == "\n" }.count == 1, "\(result.stderr)")
  }
}
