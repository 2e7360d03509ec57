// ssl-quality · DiscriminativeSourceText.swift — where Dset came from, in words.

import SSLQualityAnalysis

extension DiscriminativeSource {
  /// `Dset fitted on PATH (N samples; WHY)`.
  var text: String {
    let why = switch rule {
    case .discriminativeFrom: "--discriminative-from"
    case .train: "the train split"
    case .analysed: "the analysed matrix itself"
    }
    return "Dset fitted on \(path) (\(samples) samples; \(why))"
  }
}
