// ssl-quality · SavedResult.swift — a JSON result of an earlier run, recognised and read back with its command's result type.

import Foundation
import SSLQuality
import SSLQualityIO

/// A JSON document written by an earlier `score`, `probe`, `compress`, `finetune`,
/// `spectrum`, `calibrate` or `compare` run (`--json-out` or `--json`), read back by
/// `report --from` with where it came from: its path, its SHA-256 and the command that
/// wrote it.
///
/// The command is recognised by keys only its document has at the top level; the document
/// is then decoded with that command's own result type, so every field the type gains is
/// read too.
public struct SavedResult: Sendable {
  /// The command that wrote a document and its result.
  public enum Document: Sendable {
    case score(ScoreResult)
    case probe(ProbeResult)
    case compress(CompressDocument)
    case finetune(FinetuneResult)
    case spectrum(SpectrumResult)
    case calibration(CalibrateResult)
    case comparison(RepresentationComparison)

    /// The command's name.
    public var command: String {
      switch self {
      case .score: "score"
      case .probe: "probe"
      case .compress: "compress"
      case .finetune: "finetune"
      case .spectrum: "spectrum"
      case .calibration: "calibrate"
      case .comparison: "compare"
      }
    }
  }

  public var path: String
  public var sha256: String
  public var document: Document

  /// The file's name without its extension, naming its sections on the page.
  public var name: String { ((path as NSString).lastPathComponent as NSString).deletingPathExtension }

  /// Where the document came from, as a report section states it.
  public var provenance: String { "from \(path), written by ssl-quality \(document.command); SHA-256 \(sha256)" }

  /// Reads and recognises the document at `path`.
  ///
  /// - Throws: ``InputError`` naming the file when it cannot be read, is not a JSON
  ///   object, is not the result of one of the commands, or is one whose fields do not
  ///   decode.
  public static func read(_ path: String) throws -> SavedResult {
    let data = try InputFile.data(path)
    guard let object = try? JSONSerialization.jsonObject(with: data), let top = object as? [String: Any] else {
      throw InputError(path, "is not a JSON object (expected the --json-out document of a command)")
    }
    guard let command = recognise(Set(top.keys)) else {
      throw InputError(path, "is not the JSON result of score, probe, compress, finetune, spectrum, calibrate or compare")
    }
    let document: Document
    do {
      document = try decode(command, data)
    } catch let error as DecodingError {
      throw InputError(path, "looks like a \(command) result but cannot be read: \(describe(error))")
    }
    return SavedResult(path: path, sha256: try FileDigest.sha256(path: path), document: document)
  }

  /// The command whose document has these top-level keys, by keys no other command's
  /// document has.
  static func recognise(_ keys: Set<String>) -> String? {
    if keys.isSuperset(of: ["columns", "rows"]) { return "compare" }
    if keys.contains("recommendation_rule") { return "calibrate" }
    if keys.isSuperset(of: ["runs", "views"]) { return "finetune" }
    if keys.contains("full_accuracy") { return "compress" }
    if keys.contains("top5") { return "probe" }
    if keys.isSuperset(of: ["empty_count", "dset_source"]) { return "score" }
    if keys.isSuperset(of: ["eigenvalues", "rankme"]) { return "spectrum" }
    return nil
  }

  private static func decode(_ command: String, _ data: Data) throws -> Document {
    switch command {
    case "compare": .comparison(try ResultJSON.decode(RepresentationComparison.self, from: data))
    case "calibrate": .calibration(try ResultJSON.decode(CalibrateResult.self, from: data))
    case "finetune": .finetune(try ResultJSON.decode(FinetuneResult.self, from: data))
    case "compress": .compress(try ResultJSON.decode(CompressDocument.self, from: data))
    case "probe": .probe(try ResultJSON.decode(ProbeResult.self, from: data))
    case "score": .score(try ResultJSON.decode(ScoreResult.self, from: data))
    default: .spectrum(try ResultJSON.decode(SpectrumResult.self, from: data))
    }
  }

  /// A decoding error as one clause: which key, and what is wrong with it.
  private static func describe(_ error: DecodingError) -> String {
    func at(_ path: [any CodingKey]) -> String {
      path.isEmpty ? "the document" : path.reduce("") { text, key in
        key.intValue.map { text + "[\($0)]" } ?? (text.isEmpty ? key.stringValue : text + "." + key.stringValue)
      }
    }
    switch error {
    case .keyNotFound(let key, let context): return "\(at(context.codingPath + [key])) is missing"
    case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
      return "\(at(context.codingPath)): \(context.debugDescription)"
    @unknown default: return "\(error)"
    }
  }
}
