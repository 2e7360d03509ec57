// ssl-quality · PlotOptions.swift — `--plot` and `--plot-width`, shared by the commands that draw.

import ArgumentParser
import SSLQualityReport

/// Where to write a command's figure and how wide to lay it out.
struct PlotOptions: ParsableArguments {
  @Option(help: "Write the command's figure as SVG to this file.")
  var plot: String?

  @Option(help: "Figure width in pixels; 320 fits a single paper column (panels then stack).")
  var plotWidth: Double = Figure.defaultWidth

  mutating func validate() throws {
    guard plotWidth.isFinite, plotWidth >= 200, plotWidth <= 4000 else {
      throw ValidationError("--plot-width must lie in 200…4000 pixels, got \(plotWidth)")
    }
  }
}
