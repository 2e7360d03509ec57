// ssl-quality · SalientFeatureVerdicts.swift — core/spurious verdicts from Salient ImageNet's crowd-sourcing CSV.

import SSLQuality

/// Which Salient ImageNet features are core and which spurious, as decided by its
/// crowd-sourcing study (`discover_spurious_features.csv`).
///
/// Each row is one worker's answer about one (class, feature): columns
/// `Input.class_index`, `Input.feature_index`, `Input.wordnet_id` and `Answer.main`
/// (`main_object`, `background` or `separate_object`). A feature is spurious for its class
/// when at least ``spuriousAnswersNeeded`` of its answers are `background` or
/// `separate_object`, otherwise core — whatever the number of answers (the study collected
/// five).
public struct SalientFeatureVerdicts: Sendable {
  /// One feature of one class.
  public struct Feature: Hashable, Sendable {
    public var wnid: String
    public var featureIndex: Int

    public init(wnid: String, featureIndex: Int) {
      self.wnid = wnid
      self.featureIndex = featureIndex
    }
  }

  /// The answers about one feature and the verdict they give.
  public struct Verdict: Sendable, Equatable {
    public var classIndex: Int
    /// All answers, and those saying `background` or `separate_object`.
    public var answers: Int, spuriousAnswers: Int
    public var kind: MaskKind { SalientFeatureVerdicts.kind(spuriousAnswers: spuriousAnswers) }
  }

  /// Answers needed to call a feature spurious.
  public static let spuriousAnswersNeeded = 3

  /// The verdict for a feature with `spuriousAnswers` background / separate-object answers.
  public static func kind(spuriousAnswers: Int) -> MaskKind {
    spuriousAnswers >= spuriousAnswersNeeded ? .spurious : .core
  }

  /// The verdict of every feature the CSV mentions.
  public private(set) var verdicts: [Feature: Verdict] = [:]
  /// The file the verdicts came from.
  public let name: String

  /// Reads the crowd-sourcing CSV at `path`.
  ///
  /// - Throws: ``InputError`` naming the file and line of a missing column, a row with the
  ///   wrong number of fields, a non-integer index, a malformed WordNet id, an unknown
  ///   answer, or a class index given with two different WordNet ids.
  public init(contentsOf path: String) throws {
    try self.init(CSVTable(contentsOf: path))
  }

  /// Reads verdicts from a parsed crowd-sourcing table.
  public init(_ table: CSVTable) throws {
    name = table.name
    let columns = try table.columnIndices(["Input.class_index", "Input.feature_index", "Input.wordnet_id", "Answer.main"])
    var wnidOfClass: [Int: (wnid: String, line: Int)] = [:]
    for record in table.records {
      func fail(_ problem: String) -> InputError { InputError(name, "line \(record.line): \(problem)") }
      guard record.fields.count == table.header.count else {
        throw fail("expected \(table.header.count) fields, found \(record.fields.count)")
      }
      let field = { (column: Int) in record.fields[columns[column]].trimmingCharacters(in: .whitespaces) }
      guard let classIndex = Int(field(0)), classIndex >= 0 else {
        throw fail("Input.class_index is '\(field(0))', expected a non-negative integer")
      }
      guard let featureIndex = Int(field(1)), featureIndex >= 0 else {
        throw fail("Input.feature_index is '\(field(1))', expected a non-negative integer")
      }
      let wnid = field(2)
      guard Self.isWordNetID(wnid) else { throw fail("Input.wordnet_id is '\(wnid)', expected a WordNet id like n01440764") }
      if let known = wnidOfClass[classIndex], known.wnid != wnid {
        throw fail("class \(classIndex) is \(wnid) here but \(known.wnid) on line \(known.line)")
      }
      wnidOfClass[classIndex] = (wnid, record.line)
      let isSpurious: Bool
      switch field(3) {
      case "main_object": isSpurious = false
      case "background", "separate_object": isSpurious = true
      default: throw fail("Answer.main is '\(field(3))', expected main_object, background or separate_object")
      }
      let key = Feature(wnid: wnid, featureIndex: featureIndex)
      var verdict = verdicts[key] ?? Verdict(classIndex: classIndex, answers: 0, spuriousAnswers: 0)
      verdict.answers += 1
      verdict.spuriousAnswers += isSpurious ? 1 : 0
      verdicts[key] = verdict
    }
  }

  /// Whether `text` is `n` followed by eight digits.
  static func isWordNetID(_ text: String) -> Bool {
    let scalars = Array(text.unicodeScalars)
    return scalars.count == 9 && scalars[0] == "n" && scalars.dropFirst().allSatisfy { ("0"..."9").contains($0) }
  }
}
