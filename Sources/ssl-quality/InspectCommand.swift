// ssl-quality · InspectCommand.swift — `ssl-quality inspect FILE...`.

import ArgumentParser
import SSLQuality
import SSLQualityAnalysis
import SSLQualityIO

/// Describes array and image files: format, dtype, shape, order, size, and with `--stats`
/// value statistics from one streamed pass.
struct InspectCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "inspect",
    abstract: "Describe .npy/.npz/.safetensors arrays and PNG/JPEG images.",
    discussion: """
      An .npz or .safetensors file without a :KEY lists every array it holds. With --stats, \
      each array is read once in row blocks (peak memory independent of its size): min, max \
      and mean of the finite entries, NaN and Inf counts, all-zero rows, constant columns and \
      the share of negative entries; a 1-D integer or bool array (labels, predictions) also \
      gets its class counts. Images are described as stored and their statistics taken over \
      the gray image in [0, 1].
      """)

  @Argument(help: "Files: path, path.npz:key, path.safetensors:name or path.pth:key.")
  var files: [String]

  @Flag(help: "Compute value statistics (one streamed pass per array).")
  var stats = false

  @OptionGroup var threading: ThreadOptions
  @OptionGroup var output: JSONOutputOptions

  func run() throws {
    let outputs = try OutputSet([("--json-out", output.jsonOut)], inputs: files.map { ("<files>", $0) })
    var inspect = InspectAnalysis(files: files)
    inspect.stats = stats
    let result = try inspect.run(context: threading.context("inspect"), notices: NoticeText.sink())
    try output.emit(result: result, text: result.files.map(Self.summary).joined(separator: "\n"), outputs: outputs)
  }

  /// Two or three human-readable lines.
  static func summary(_ entry: InspectEntry) -> String {
    let shape = entry.shape
    let shapeText = "(" + shape.map(String.init).joined(separator: ", ") + (shape.count == 1 ? ",)" : ")")
    var lines = [
      entry.path,
      "  \(entry.format)  \(entry.dtype)  shape \(shapeText)  \(entry.fortranOrder ? "Fortran" : "C") order  \(ByteCountText.format(entry.bytes))",
    ]
    if let stats = entry.stats {
      let range = stats.min.map { "min \(Format.number($0))  max \(Format.number(stats.max ?? $0))" } ?? "no finite values"
      if entry.classCounts == nil { lines.append(
        "  \(range)  mean \(Format.number(stats.mean))  NaN \(stats.nan)  Inf \(stats.inf)"
          + "  zero rows \(stats.zeroRows)  constant columns \(stats.constantColumns)"
          + "  negative \(Format.percent(stats.negativeShare))")
      } else {
        lines.append("  \(range)")
      }
      if let classes = entry.classCounts {
        if let counts = classes.counts {
          let shown = counts.prefix(20).map { "\($0.label): \($0.count)" }.joined(separator: "  ")
          lines.append("  \(classes.classes) classes (smallest \(classes.smallest), largest \(classes.largest)): \(shown)\(classes.classes > 20 ? "  … (--json lists all)" : "")")
        } else {
          lines.append("  \(classes.classes) distinct values (smallest count \(classes.smallest), largest \(classes.largest)); not listed")
        }
      }
      if stats.nonfiniteRows > 0 {
        lines.append(
          "  warning: \(stats.nonfiniteRows) rows hold NaN or Inf (first: \(stats.firstNonfiniteRows.map(String.init).joined(separator: ", ")))")
      }
    }
    return lines.joined(separator: "\n")
  }
}
