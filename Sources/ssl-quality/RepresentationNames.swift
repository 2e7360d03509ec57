// ssl-quality · RepresentationNames.swift — `--names a,b,c` of compare and report: one name per representation.

import ArgumentParser
import SSLQualityAnalysis

/// The comma-separated `--names` flag of the commands that take several representations.
enum RepresentationNames {
  /// The names in `text` (empty names kept, so `a,,c` is three names).
  static func split(_ text: String) -> [String] {
    text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
  }

  /// Refuses a `--names` list whose length is not `count`, the number of representations.
  static func check(_ text: String?, count: Int) throws {
    guard let text else { return }
    let given = split(text).count
    if given != count {
      throw ValidationError("--names lists \(Format.count(given, "name")) for \(Format.count(count, "representation"))")
    }
  }
}
