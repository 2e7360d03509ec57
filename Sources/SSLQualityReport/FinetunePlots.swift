// ssl-quality · FinetunePlots.swift — the training curves of fine-tuning runs (loss.svg).

extension Plots {
  /// One fine-tuning run's per-epoch history.
  public struct TrainingCurve: Sendable {
    public var label: String
    public var epochs: [Double], objective: [Double], regularizer: [Double], emptyShare: [Double]

    public init(label: String, epochs: [Double], objective: [Double], regularizer: [Double], emptyShare: [Double]) {
      self.label = label
      self.epochs = epochs
      self.objective = objective
      self.regularizer = regularizer
      self.emptyShare = emptyShare
    }
  }

  /// Three panels over epochs, one line per run: the objective, `R`, and the share of
  /// batch samples whose `L_i ∩ Dset` is empty. `subtitle` names the inputs and the method.
  public static func finetuneHistory(_ runs: [TrainingCurve], subtitle: String, width: Double = Figure.defaultWidth) -> String {
    let styles: [(String, Dash, Marker)] = [
      (Palette.black, .dashed, .square), (Palette.blue, .solid, .circle), (Palette.vermillion, .dotted, .triangle),
      (Palette.bluishGreen, .dashDot, .diamond), (Palette.orange, .dashed, .circle), (Palette.reddishPurple, .solid, .square),
    ]
    let lastEpoch = runs.flatMap(\.epochs).max() ?? 1
    func panel(_ title: String, _ label: String, _ series: (TrainingCurve) -> [Double], floorAtZero: Bool) -> SVGChart {
      let values = runs.flatMap(series).filter(\.isFinite)
      let low = floorAtZero ? min(0, values.min() ?? 0) : (values.min() ?? 0), high = values.max() ?? 1
      let pad = (high - low) * 0.05
      var chart = SVGChart(
        title: title, xLabel: "epoch", yLabel: label, xRange: 1...max(2, lastEpoch),
        yRange: (low - (floorAtZero ? 0 : pad))...(high + pad))
      for (index, run) in runs.enumerated() {
        let (color, dash, marker) = styles[index % styles.count]
        chart.line(Array(zip(run.epochs, series(run))), color: color, width: 1.8, dash: dash, marker: marker, markerCount: 8, label: run.label)
      }
      return chart
    }
    let panels = [
      panel("SSL objective (mean per step)", "objective", \.objective, floorAtZero: false),
      panel("Q-Score regulariser R (mean per step)", "R", \.regularizer, floorAtZero: false),
      panel("Batch samples with empty Lᵢ ∩ Dset", "share of batch samples", \.emptyShare, floorAtZero: true),
    ]
    return Figure(title: "Fine-tuning history", subtitle: subtitle, panels: panels, width: width).svg
  }
}
