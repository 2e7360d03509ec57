// ssl-quality · StrictOptions.swift — `--strict`, for every command that leaves NaN/Inf rows out.

import ArgumentParser

/// `--strict`: the NaN/Inf rule of ``NonFiniteRowPolicy`` — rows holding NaN or ±∞ are left
/// out with a warning, or under `--strict` refused (exit 2, naming the file).
struct StrictOptions: ParsableArguments {
  @Flag(help: "Reject input rows holding NaN or Inf instead of leaving them out with a warning.")
  var strict = false
}
