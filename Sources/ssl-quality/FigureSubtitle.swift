// ssl-quality · FigureSubtitle.swift — the line under a figure's title naming what it shows.

import SSLQualityAnalysis

/// `file · N samples × D features · ε e · band lo:hi`, the parts every figure of an
/// activation analysis names.
enum FigureSubtitle {
  static func of(file: String, samples: Int?, features: Int?, epsilon: Double, band: PercentileBand) -> String {
    var parts = [file]
    if let samples, let features { parts.append("\(samples) samples × \(features) features") }
    parts.append("ε \(Format.number(epsilon))")
    parts.append("band \(band.defaultValueDescription)")
    return parts.joined(separator: " · ")
  }
}
