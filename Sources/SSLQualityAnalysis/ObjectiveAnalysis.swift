// ssl-quality · ObjectiveAnalysis.swift — an SSL objective (or the Q-Score regulariser) on arrays a user dumped.

import SSLQuality
import SSLQualityIO
import SSLQualityTraining

/// Evaluates one objective (``ObjectiveEvaluation``) on 2-D arrays of finite numbers, in
/// `Double`, with the gradient with respect to every input.
public struct ObjectiveAnalysis: Analysis {
  public var kind: ObjectiveKind
  /// Positional inputs (NT-Xent, VICReg, …: `A B`; SwAV: the high-resolution crops; Q-Score regulariser: `Z`).
  public var inputs: [String]
  /// DINO's teacher and student views, SwAV's low-resolution crops.
  public var teacher: [String] = [], student: [String] = [], low: [String] = []
  /// NT-Xent's bank of negatives; DINO's centre.
  public var bank: String?, center: String?
  public var parameters = ObjectiveParameters()
  /// Refuse rows holding NaN or ±∞ instead of leaving them out.
  public var strict = false

  public init(kind: ObjectiveKind, inputs: [String]) {
    self.kind = kind
    self.inputs = inputs
  }

  /// The result, the evaluation (DINO's updated centre) and the gradient with respect to
  /// every input, of its full shape (zero on rows left out for NaN or ±∞).
  public struct Outcome: AnalysisOutcome {
    public var result: ObjectiveResult
    public var evaluation: ObjectiveEvaluation
    public var gradients: [Tensor<Double>]
  }

  /// Rows holding NaN or ±∞ are left out with a notice (refused under ``strict``): a row
  /// of any batch input (every input but the bank, which hold the same samples row for row)
  /// is left out of all of them, a bank row of the bank alone; their gradient rows are
  /// zero. The centre must be finite.
  ///
  /// - Throws: ``InputError`` for unreadable files, such rows with ``strict``, a non-finite
  ///   centre, a wrong shape (naming the file) or inputs on which the objective is not
  ///   finite in float64; ``ObjectiveInputError`` for a wrong number of inputs or a bad parameter.
  public func run(context: ExecutionContext, notices: NoticeSink = NoticeSink { _ in }) throws -> Outcome {
    // Every array in the order its gradient is written (the centre has none).
    let ordered = inputs + teacher + student + low + (bank.map { [$0] } ?? [])
    let opened = try ordered.map(Self.load)
    let left = try leftOut(ordered, opened, policy: NonFiniteRowPolicy(strict: strict, notices: notices))
    let loaded = zip(left, opened).map { rows, tensor in
      Tensor(rows: tensor.shape[0] - rows.count, columns: tensor.shape[1], scalars: rows.removing(from: tensor.scalars, columns: tensor.shape[1]))
    }
    let (positional, views) = (Array(loaded[..<inputs.count]), loaded[inputs.count...])
    let teachers = Array(views.prefix(teacher.count)), students = Array(views.dropFirst(teacher.count).prefix(student.count))
    let lows = Array(views.dropFirst(teacher.count + student.count).prefix(low.count))
    let evaluation: ObjectiveEvaluation
    do {
      evaluation = try context.blas {
        try ObjectiveEvaluation(
          kind, inputs: positional, bank: bank == nil ? nil : loaded.last, low: lows, teacher: teachers, student: students,
          center: try center.map(Self.finiteCenter), parameters: parameters, context: context)
      }
    } catch ObjectiveInputError.shape(let index, let expected, let found) {
      // Inputs are numbered in gradient order: positional, then the flagged views, bank last.
      let gradientOrder = inputs + (kind == .swav ? low : teacher + student) + (bank.map { [$0] } ?? []) + (center.map { [$0] } ?? [])
      let path = index < gradientOrder.count ? gradientOrder[index] : "input \(index)"
      throw InputError(path, "expected \(expected), found shape (\(found.map(String.init).joined(separator: ", ")))")
    }
    guard evaluation.value.isFinite, evaluation.gradients.allSatisfy({ $0.scalars.allSatisfy(\.isFinite) }) else {
      throw InputError(
        ordered.joined(separator: ", "),
        "\(kind.rawValue) is not finite on these inputs in float64 (value \(evaluation.value)); their magnitudes overflow it, scale them down")
    }
    let shapes = opened.map(\.shape)
    let order = kind == .swav ? inputs + low : inputs + teacher + student + (bank.map { [$0] } ?? [])
    let orderedShapes = kind == .swav ? shapes[..<inputs.count] + shapes[(inputs.count + teacher.count + student.count)...] : shapes[...]
    let result = ObjectiveResult(
      objective: kind.rawValue, value: evaluation.value,
      parameters: Dictionary(uniqueKeysWithValues: evaluation.parameters.map { ($0.name, ObjectiveResult.Values($0.values)) }),
      inputs: zip(order, orderedShapes).map { ObjectiveResult.Input(path: $0, shape: $1) })
    let gradients = evaluation.gradients.count == left.count
      ? zip(evaluation.gradients, zip(left, opened)).map { gradient, source in Self.expanding(gradient, to: source.1.shape, keeping: source.0.kept) }
      : evaluation.gradients
    return Outcome(result: result, evaluation: evaluation, gradients: gradients)
  }

  /// The rows of each of `arrays` (named by `paths`) to leave out for NaN or ±∞: the batch
  /// inputs' rows together (when they have as many rows each; otherwise the evaluation
  /// names the mismatch), the bank's alone.
  private func leftOut(_ paths: [String], _ arrays: [Tensor<Double>], policy: NonFiniteRowPolicy) throws -> [NonFiniteRows] {
    var found = zip(paths, arrays).map { ($0, NonFiniteRows(rowMajor: $1.scalars, rows: $1.shape[0], columns: $1.shape[1])) }
    let batch = found.count - (bank == nil ? 0 : 1)
    if batch > 0, Set(arrays.prefix(batch).map { $0.shape[0] }).count == 1 {
      let shared = try policy.leaveOut(paired: Array(found.prefix(batch)))
      for index in 0..<batch { found[index].1 = shared }
      if batch < found.count { try policy.leaveOut(found[batch].1, of: found[batch].0) }
    } else {
      for (path, rows) in found { try policy.leaveOut(rows, of: path) }
    }
    for (path, rows) in found where rows.count > 0 && rows.count == rows.rows { throw InputError(path, "no row is free of NaN and Inf") }
    return found.map(\.1)
  }

  /// `gradient` of the rows `kept` as a gradient of all rows of `shape`, zero on the others.
  private static func expanding(_ gradient: Tensor<Double>, to shape: [Int], keeping kept: [Int]) -> Tensor<Double> {
    guard gradient.shape != shape, gradient.shape.count == 2, gradient.shape[0] == kept.count else { return gradient }
    let columns = shape[1]
    var full = [Double](repeating: 0, count: shape[0] * columns)
    for (k, row) in kept.enumerated() {
      full.replaceSubrange((row * columns)..<((row + 1) * columns), with: gradient.scalars[(k * columns)..<((k + 1) * columns)])
    }
    return Tensor(shape: shape, scalars: full)
  }

  /// DINO's centre: a 2-D array of finite numbers (one row, not samples to leave out).
  static func finiteCenter(_ argument: String) throws -> Tensor<Double> {
    let center = try load(argument)
    if let bad = center.scalars.firstIndex(where: { !$0.isFinite }) {
      throw InputError(argument, "holds NaN or Inf (first at entry \(bad)); the centre must be finite")
    }
    return center
  }

  /// A non-empty 2-D array as a float64 tensor (NaN and ±∞ kept; ``run(context:notices:)``
  /// deals with them). An empty side is refused before any buffer is sized by the other.
  static func load(_ argument: String) throws -> Tensor<Double> {
    let array = try ArrayFile.open(argument, expecting: .matrix)
    return Tensor(shape: array.layout.shape, scalars: array.doubles())
  }
}

/// The `objective --json` document: the objective's name and value, its parameters (one
/// number, or a list) and the inputs in gradient order with their shapes.
public struct ObjectiveResult: Codable, Sendable, Equatable {
  /// A parameter's values: a number when there is one, else a list.
  public enum Values: Codable, Sendable, Equatable {
    case one(Double), many([Double])

    init(_ values: [Double]) { self = values.count == 1 ? .one(values[0]) : .many(values) }

    public init(from decoder: any Decoder) throws {
      let container = try decoder.singleValueContainer()
      if let value = try? container.decode(Double.self) {
        self = .one(value)
      } else {
        self = .many(try container.decode([Double].self))
      }
    }

    public func encode(to encoder: any Encoder) throws {
      var container = encoder.singleValueContainer()
      switch self {
      case .one(let value): try container.encode(value)
      case .many(let values): try container.encode(values)
      }
    }
  }

  public struct Input: Codable, Sendable, Equatable {
    public var path: String
    public var shape: [Int]

    enum CodingKeys: String, OrderedCodingKey {
      case path, shape
    }
  }

  public var objective: String
  public var value: Double
  public var parameters: [String: Values]
  public var inputs: [Input]

  enum CodingKeys: String, OrderedCodingKey {
    case objective, value, parameters, inputs
  }
}
