// ssl-quality · ParserProbe.swift — whole-file parses of untrusted bytes, for the fuzz targets.

import Foundation
import SSLQuality
import SSLQualityIO

/// Runs a parser over bytes held in memory and touches every element it accepts, the way
/// a command would. Thrown ``InputError``s are the expected outcome for malformed input;
/// anything else (a crash, a hang) is a bug. Used by the libFuzzer targets in `Fuzz/`.
public enum ParserProbe {
  /// Parses `bytes` as a `.npy` file, through a temporary file as a command would read it.
  public static func npy(_ bytes: Data) throws { try arrays(bytes, suffix: "npy") }

  /// Parses `bytes` as a `.npz` archive and every member in it.
  public static func npz(_ bytes: Data) throws { try arrays(bytes, suffix: "npz") }

  /// Parses `bytes` as a `.safetensors` file and every tensor in it.
  public static func safetensors(_ bytes: Data) throws { try arrays(bytes, suffix: "safetensors") }

  /// Parses `bytes` as a `torch.save` file and every tensor in it.
  public static func pytorch(_ bytes: Data) throws { try arrays(bytes, suffix: "pt") }

  /// Writes `bytes` to a temporary `.suffix` file and reads every array in it.
  private static func arrays(_ bytes: Data, suffix: String) throws {
    let path = NSTemporaryDirectory() + "ssl-quality-fuzz-\(getpid()).\(suffix)"
    defer { unlink(path) }
    try bytes.write(to: URL(fileURLWithPath: path))
    for array in try ArrayFile.openAll(path) { try read(array) }
  }

  /// Parses `bytes` as a CSV table and then as Salient ImageNet's crowd-sourcing CSV.
  public static func csv(_ bytes: Data) throws {
    guard let text = String(data: bytes, encoding: .utf8) else { throw InputError("fuzz.csv", "not UTF-8 text") }
    let table = try CSVTable(parsing: text, name: "fuzz.csv")
    for record in table.records { _ = record.fields.map(\.count).reduce(0, +) }
    _ = try SalientFeatureVerdicts(table)
  }

  /// Decodes `bytes` as a PNG: header alone, gray rows, and 8-bit samples.
  public static func png(_ bytes: Data) throws { try image(bytes) }

  /// Decodes `bytes` as a JPEG: header alone, gray rows, and 8-bit samples.
  public static func jpeg(_ bytes: Data) throws { try image(bytes) }

  private static func image(_ bytes: Data) throws {
    let path = NSTemporaryDirectory() + "ssl-quality-fuzz-\(getpid()).img"
    defer { unlink(path) }
    try bytes.write(to: URL(fileURLWithPath: path))
    _ = try ImageFile.describe(path)
    let gray = try ImageFile.load(path)
    _ = gray.finiteRange
    _ = try ImageFile.loadBytes(path)
  }

  /// Reads `bytes` as the `image_fnames.csv` of a one-class Salient ImageNet tree (verdicts
  /// for features 0–9, one mask file for image `a` of feature 0), then every listed image's
  /// masks, as `interpret --salient-imagenet` would.
  public static func salientTree(_ bytes: Data) throws {
    let root = NSTemporaryDirectory() + "ssl-quality-fuzz-tree-\(getpid())"
    defer { try? FileManager.default.removeItem(atPath: root) }
    let wnid = "n01440764"
    try FileManager.default.createDirectory(atPath: "\(root)/\(wnid)/feature_0/cams", withIntermediateDirectories: true)
    try bytes.write(to: URL(fileURLWithPath: "\(root)/\(wnid)/image_fnames.csv"))
    try Data(salientMask).write(to: URL(fileURLWithPath: "\(root)/\(wnid)/feature_0/cams/a.jpeg"))
    let answers = (0..<10).map { "\(wnid),0,\($0),\($0 % 2 == 0 ? "main_object" : "background")" }
    let mturk = try CSVTable(
      parsing: (["Input.wordnet_id,Input.class_index,Input.feature_index,Answer.main"]
        + answers + answers + answers).joined(separator: "\n"), name: "mturk.csv")
    let tree = try SalientImageNetTree(root: root, verdicts: SalientFeatureVerdicts(mturk))
    for id in tree.imageIDs {
      for mask in (try? tree.masks(for: id)) ?? [] { _ = try? ImageFile.loadBytes(mask.path) }
    }
  }

  /// A 2 × 2 gray PNG (the decoder goes by content, not by the `.jpeg` name).
  private static let salientMask: [UInt8] = [
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x02, 0x00, 0x00, 0x00, 0x02, 0x08, 0x00, 0x00, 0x00, 0x00, 0x57, 0xDD, 0x52, 0xF8, 0x00, 0x00, 0x00, 0x0E, 0x49,
    0x44, 0x41, 0x54, 0x78, 0xDA, 0x63, 0x60, 0xF8, 0xCF, 0xD0, 0xE0, 0x00, 0x00, 0x05, 0x42, 0x01, 0xC0, 0x6D, 0x5E,
    0x78, 0xA0, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
  ]

  private static func read(_ array: StoredArray) throws {
    _ = array.floats()
    if array.layout.shape.count == 1 { _ = try? array.labels() }
    if array.layout.shape.count == 2, let matrix = try? array.matrix() {
      _ = MatrixStatistics.compute(matrix, context: .serial)
    }
  }
}
