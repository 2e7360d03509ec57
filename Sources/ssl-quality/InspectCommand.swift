// ssl-quality · InspectCommand.swift — `ssl-quality inspect FILE...`.

import ArgumentParser
import SSLQuality
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

  @Argument(help: "Files: path, path.npz:key or path.safetensors:name.")
  var files: [String]

  @Flag(help: "Compute value statistics (one streamed pass per array).")
  var stats = false

  @OptionGroup var common: CommonOptions

  func run() throws {
    var entries: [InspectEntry] = []
    for file in files {
      entries += try describe(file)
    }
    try common.emit(json: .object([("files", .array(entries.map(\.json)))]), text: entries.map(\.summary).joined(separator: "\n"))
  }

  private func describe(_ file: String) throws -> [InspectEntry] {
    let path = ArrayFile.split(file).path
    if try ImageFile.isImageFile(path) {
      let description = try ImageFile.describe(path)
      var shape = [description.height, description.width]
      if description.channels > 1 { shape.append(description.channels) }
      var statistics: MatrixStatistics?
      if stats {
        let image = try ImageFile.load(path)
        let matrix = Matrix(rows: image.height, columns: image.width, values: image.pixels)
        statistics = MatrixStatistics.compute(matrix, name: file, context: common.context("inspect"))
      }
      return [
        InspectEntry(
          path: file, format: description.format, dtype: description.bitsPerSample == 16 ? "<u2" : "|u1",
          shape: shape, fortranOrder: false, bytes: try ImageFile.byteCount(path), stats: statistics)
      ]
    }
    return try ArrayFile.openAll(file).map { array in
      var statistics: MatrixStatistics?
      var classes: ClassCounts?
      if stats, array.layout.shape.count == 1, !array.layout.elementType.isFloatingPoint {
        classes = ClassCounts(try array.labels())
      }
      if stats {
        let context = common.context("inspect")
        statistics = MatrixStatistics.compute(array.flattenedMatrix(), name: array.name, context: context)
        context.report(.finished)
      }
      return InspectEntry(
        path: array.name, format: array.format.rawValue, dtype: array.layout.dtype, shape: array.layout.shape,
        fortranOrder: array.layout.fortranOrder, bytes: array.fileByteCount, stats: statistics, classes: classes)
    }
  }

}

import Foundation

/// One described file or archive member.
struct InspectEntry {
  var path: String
  var format: String
  var dtype: String
  var shape: [Int]
  var fortranOrder: Bool
  var bytes: Int
  var stats: MatrixStatistics?
  /// Samples per label, for 1-D integer arrays with `--stats`.
  var classes: ClassCounts? = nil

  /// Most class counts listed one by one; beyond, only the summary (the array is likely no label array).
  static let listedClasses = 1000

  /// The entry in the `inspect --json` schema (README, "JSON output").
  var json: JSONValue {
    var fields: [(String, JSONValue)] = [
      ("path", .string(path)), ("format", .string(format)), ("dtype", .string(dtype)),
      ("shape", .array(shape.map(JSONValue.integer))), ("fortran_order", .bool(fortranOrder)),
      ("bytes", .integer(bytes)),
    ]
    if let stats {
      fields.append(
        ("stats", .object([
          ("rows", .integer(stats.rows)), ("columns", .integer(stats.columns)),
          ("min", .optional(stats.minimum.map(Double.init))), ("max", .optional(stats.maximum.map(Double.init))),
          ("mean", .number(stats.mean)), ("nan", .integer(stats.nanCount)), ("inf", .integer(stats.infinityCount)),
          ("nonfinite_rows", .integer(stats.nonFiniteRows)),
          ("first_nonfinite_rows", .array(stats.firstNonFiniteRows.map(JSONValue.integer))),
          ("zero_rows", .integer(stats.zeroRows)), ("constant_columns", .integer(stats.constantColumns)),
          ("negative_share", .number(stats.negativeShare)),
        ])))
    }
    if let classes {
      var counts: [(String, JSONValue)] = [
        ("classes", .integer(classes.classes)), ("smallest", .integer(classes.smallest)), ("largest", .integer(classes.largest)),
      ]
      if classes.classes <= Self.listedClasses {
        counts.append(("counts", .array(classes.entries.map { .object([("label", .integer($0.label)), ("count", .integer($0.count))]) })))
      }
      fields.append(("class_counts", .object(counts)))
    }
    return .object(fields)
  }

  /// Two or three human-readable lines.
  var summary: String {
    let shapeText = "(" + shape.map(String.init).joined(separator: ", ") + (shape.count == 1 ? ",)" : ")")
    var lines = [
      path,
      "  \(format)  \(dtype)  shape \(shapeText)  \(fortranOrder ? "Fortran" : "C") order  \(ByteCountText.format(bytes))",
    ]
    if let stats {
      let range = stats.minimum.map { "min \(Format.number(Double($0)))  max \(Format.number(Double(stats.maximum ?? $0)))" } ?? "no finite values"
      if classes == nil { lines.append(
        "  \(range)  mean \(Format.number(stats.mean))  NaN \(stats.nanCount)  Inf \(stats.infinityCount)"
          + "  zero rows \(stats.zeroRows)  constant columns \(stats.constantColumns)"
          + "  negative \(Format.percent(stats.negativeShare))")
      } else {
        lines.append("  \(range)")
      }
      if let classes {
        if classes.classes <= Self.listedClasses {
          let shown = classes.entries.prefix(20).map { "\($0.label): \($0.count)" }.joined(separator: "  ")
          lines.append("  \(classes.classes) classes (smallest \(classes.smallest), largest \(classes.largest)): \(shown)\(classes.classes > 20 ? "  … (--json lists all)" : "")")
        } else {
          lines.append("  \(classes.classes) distinct values (smallest count \(classes.smallest), largest \(classes.largest)); not listed")
        }
      }
      if stats.nonFiniteRows > 0 {
        lines.append(
          "  warning: \(stats.nonFiniteRows) rows hold NaN or Inf (first: \(stats.firstNonFiniteRows.map(String.init).joined(separator: ", ")))")
      }
    }
    return lines.joined(separator: "\n")
  }
}
