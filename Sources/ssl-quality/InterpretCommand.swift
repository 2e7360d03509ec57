// ssl-quality · InterpretCommand.swift — `ssl-quality interpret`: heatmaps against core and spurious masks.

import ArgumentParser
import Foundation
import SSLQuality
import SSLQualityAnalysis
import SSLQualityIO
import SSLQualityReport

/// Scores how well per-image heatmaps (e.g. Grad-CAMs of the discriminative features)
/// overlap core and spurious masks, from a plain mask layout or Salient ImageNet as it ships.
struct InterpretCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "interpret",
    abstract: "IoU of heatmaps with core and spurious masks (plain layout or Salient ImageNet).",
    discussion: """
      Heatmaps and masks are brought to the same geometry (Resize(--size) of the shorter side, \
      then CenterCrop(--size) unless --no-crop): heatmaps with plain bilinear interpolation, \
      masks with Pillow's bilinear filter (antialiased when shrinking) as torchvision resizes \
      PIL images. Heatmaps are min-max normalised and binarised at --heatmap-threshold, masks \
      at --mask-threshold; IoU = |M ∩ C| / |M ∪ C| (0 for an empty union) and the share of \
      heatmap mass inside the mask are reported per (image, mask) and averaged for core and \
      spurious masks, split by correctly / incorrectly classified images when --predictions \
      and --labels are given. With --salient-imagenet each image has one core mask (the \
      maximum over its core features' masks, quantised to 8 bits, as Salient ImageNet's own \
      loader builds it) and one spurious mask likewise; --per-feature scores every (image, \
      feature) instead.
      """)

  @Option(help: "Heatmaps: an [N, H, W] array (.npy, file.npz:key, …) aligned with --images, or a directory of <id>.npy|png|jpeg.")
  var heatmaps: String

  @Option(help: "Image ids, one per line, aligned with the heatmaps (default for a heatmap directory: its ids, sorted).")
  var images: String?

  @Option(help: "Directory of core masks: <id>.png|jpeg|npy or <id>/ with several masks (combined by maximum).")
  var coreMasks: String?

  @Option(help: "Directory of spurious masks, laid out as --core-masks.")
  var spuriousMasks: String?

  @Option(help: "Salient ImageNet root (<wnid>/image_fnames.csv, <wnid>/feature_<k>/cams/<stem>.jpeg).")
  var salientImagenet: String?

  @Option(help: "Salient ImageNet's crowd-sourcing CSV (discover_spurious_features.csv) giving core/spurious verdicts.")
  var mturk: String?

  @Flag(help: "With --salient-imagenet: one pair per (image, feature) instead of one core and one spurious mask per image.")
  var perFeature = false

  @Option(help: "A classifier's predicted labels, aligned with the images (1-D integers).")
  var predictions: String?

  @Option(help: "True labels, aligned with the images (1-D integers).")
  var labels: String?

  @Option(parsing: .unconditional, help: "Length of the shorter side after resizing, and of the crop.")
  var size = 224

  @Flag(help: "Resize only; do not center-crop.")
  var noCrop = false

  @Option(parsing: .unconditional, help: "Binarise min-max normalised heatmaps at this value (in [0, 1]).")
  var heatmapThreshold = 0.6

  @Option(parsing: .unconditional, help: "Binarise masks at this share of their range (in [0, 1]).")
  var maskThreshold = 0.5

  @Option(help: "Write one CSV row per (image, mask).")
  var csv: String?

  @OptionGroup(title: "Figure (core and spurious IoU distributions, split by correctness when known)") var figure: PlotOptions

  @OptionGroup(title: "CSV output") var csvOptions: CSVOptions
  @OptionGroup var threading: ThreadOptions
  @OptionGroup var output: JSONOutputOptions

  func validate() throws {
    let plain = coreMasks != nil || spuriousMasks != nil, salient = salientImagenet != nil || mturk != nil
    if plain == salient {
      throw ValidationError("give --core-masks and/or --spurious-masks, or --salient-imagenet with --mturk")
    }
    if salient, salientImagenet == nil || mturk == nil { throw ValidationError("--salient-imagenet and --mturk go together") }
    if perFeature, !salient { throw ValidationError("--per-feature needs --salient-imagenet") }
    if (predictions == nil) != (labels == nil) { throw ValidationError("--predictions and --labels go together") }
    try FlagRules.within("--size", size, 1...8192)
    try FlagRules.within("--heatmap-threshold", heatmapThreshold, 0...1)
    try FlagRules.within("--mask-threshold", maskThreshold, 0...1)
  }

  func run() throws {
    let outputs = try OutputSet(
      [("--json-out", output.jsonOut), ("--csv", csv), ("--plot", figure.plot)],
      inputs: [
        ("--heatmaps", heatmaps), ("--images", images), ("--core-masks", coreMasks), ("--spurious-masks", spuriousMasks),
        ("--salient-imagenet", salientImagenet), ("--mturk", mturk), ("--predictions", predictions), ("--labels", labels),
      ])
    var interpret = InterpretAnalysis(heatmaps: heatmaps)
    (interpret.images, interpret.coreMasks, interpret.spuriousMasks) = (images, coreMasks, spuriousMasks)
    (interpret.salientImagenet, interpret.mturk, interpret.perFeature) = (salientImagenet, mturk, perFeature)
    (interpret.predictions, interpret.labels) = (predictions, labels)
    interpret.scorer.geometry = ImageGeometry(size: size, crop: !noCrop)
    interpret.scorer.heatmapThreshold = heatmapThreshold
    interpret.scorer.maskThreshold = maskThreshold
    let outcome = try interpret.run(context: threading.context("interpret"), notices: NoticeText.sink())
    if let csv { try outputs.write(InterpretRendering.csv(outcome, raw: csvOptions.rawCSV), to: csv) }
    if let plot = figure.plot { try outputs.write(InterpretRendering.plot(outcome, width: figure.plotWidth), to: plot) }
    try output.emit(result: outcome.result, text: InterpretRendering.summary(outcome), outputs: outputs)
  }
}
