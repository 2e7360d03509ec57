// ssl-quality · RepresentationNames.swift — `--names a,b,c` of compare and report: one name per representation.

import ArgumentParser
import SSLQualityAnalysis

/// The comma-separated `--names` flag of the commands that take several representations.
enum RepresentationNames {
  /// Refuses a `--names` list whose length is not `count`, the number of representations.
  static func check(_ names: CommaList<String>?, count: Int) throws {
    guard let given = names?.values.count else { return }
    if given != count {
      throw ValidationError("--names lists \(Format.count(given, "name")) for \(Format.count(count, "representation"))")
    }
  }
}
