// ssl-quality · DiscriminativeOptions.swift — `--discriminative-from`, for every command that fits Dset.

import ArgumentParser

/// `--discriminative-from FILE…`: the matrix `Dset` is fitted on. One rule in every command
/// (``DiscriminativeFit`` applies it): this file when given; else the `--train` split when
/// the command has one; else the analysed matrix itself. Commands of one representation
/// take one file; `compare` and `report` with several representations one per
/// representation, in the same order.
struct DiscriminativeOptions: ParsableArguments {
  @Option(
    parsing: .upToNextOption,
    help: ArgumentHelp(
      "Fit Dset on this matrix, as wide as the analysed one (compare and report with several EMB: one per representation, same order). Default: the --train split when given, else the analysed matrix.",
      valueName: "file"))
  var discriminativeFrom: [String] = []

  /// The file of a command analysing one representation.
  func single() throws -> String? {
    guard discriminativeFrom.count <= 1 else {
      throw ValidationError("--discriminative-from takes one file here, got \(discriminativeFrom.count)")
    }
    return discriminativeFrom.first
  }

  /// One file per representation (`count` of them), or none.
  func each(of count: Int) throws -> [String] {
    guard discriminativeFrom.isEmpty || discriminativeFrom.count == count else {
      throw ValidationError("--discriminative-from takes one file per representation (\(count) here), got \(discriminativeFrom.count)")
    }
    return discriminativeFrom
  }

  /// The files as inputs of an `OutputSet`.
  var inputs: [(String, String?)] { discriminativeFrom.map { ("--discriminative-from", $0) } }
}
