// ssl-quality · SpectrumPlots.swift — eigenspectra on log-log axes, with the α-ReQ fit.

import Foundation
import SSLQuality

extension Plots {
  /// Colours and dash patterns of the series of a figure, in order (Okabe–Ito, paired with
  /// dashes so series stay apart in grey print).
  static let palette = [Palette.blue, Palette.vermillion, Palette.bluishGreen, Palette.reddishPurple, Palette.orange, Palette.skyBlue, Palette.black, Palette.yellow]
  static let dashes: [Dash] = [.solid, .dashed, .dotted, .dashDot]

  /// The population-covariance eigenvalues `λ_k / λ_1` of each named spectrum against
  /// their rank `k`, both in log10, with each α-ReQ fit drawn dashed over its ranks.
  public static func spectra(_ results: [(name: String, result: SpectrumResult)], subtitle: String = "", width: Double = Figure.defaultWidth) -> String {
    var lines: [(name: String, points: [(Double, Double)], fit: [(Double, Double)])] = []
    for (name, result) in results {
      guard let top = result.eigenvalues.first, top > 0 else { continue }
      let points = result.eigenvalues.enumerated().filter { $0.element > 0 }.map { (log10(Double($0.offset + 1)), log10($0.element / top)) }
      var fit: [(Double, Double)] = []
      if let alpha = result.alpha, let intercept = result.alphaIntercept, result.alphaRange.count == 2 {
        fit = [result.alphaRange[0], result.alphaRange[1]].map { k in
          (log10(Double(k)), (intercept - alpha * log(Double(k))) / log(10) - log10(top))
        }
      }
      lines.append((name, points, fit))
    }
    let xs = lines.flatMap { $0.points.map(\.0) }, ys = lines.flatMap { $0.points.map(\.1) }
    var chart = SVGChart(
      title: "Eigenvalues λ_k / λ_1 against rank k (log-log)", xLabel: "log10 rank k", yLabel: "log10 (λ_k / λ_1)",
      xRange: 0...max(1, xs.max() ?? 1), yRange: min(-1, (ys.min() ?? -1).rounded(.down))...0)
    for (index, line) in lines.enumerated() {
      let color = palette[index % palette.count]
      let alpha = results.first { $0.name == line.name }?.result.alpha
      chart.line(
        line.points, color: color, width: 2, dash: dashes[index % dashes.count],
        label: line.name + (alpha.map { String(format: " (α %.2f)", $0) } ?? ""))
      chart.line(line.fit, color: Palette.black, width: 1.2, dash: .dashed, label: index == 0 && !line.fit.isEmpty ? "α-ReQ power-law fit" : nil)
    }
    return Figure(title: "Covariance eigenspectrum", subtitle: subtitle, panels: [chart], width: width).svg
  }
}
