// ssl-quality · ObjectiveAnalysis.swift — an SSL objective (or the Q-Score regulariser) on arrays a user dumped.

import SSLQuality
import SSLQualityIO
import SSLQualityTraining

/// Evaluates one objective (``ObjectiveEvaluation``) on 2-D arrays of finite numbers, in
/// `Double`, with the gradient with respect to every input.
public struct ObjectiveAnalysis: Sendable {
  public var kind: ObjectiveKind
  /// Positional inputs (NT-Xent, VICReg, …: `A B`; SwAV: the high-resolution crops; Q-Score regulariser: `Z`).
  public var inputs: [String]
  /// DINO's teacher and student views, SwAV's low-resolution crops.
  public var teacher: [String] = [], student: [String] = [], low: [String] = []
  /// NT-Xent's bank of negatives; DINO's centre.
  public var bank: String?, center: String?
  public var parameters = ObjectiveParameters()

  public init(kind: ObjectiveKind, inputs: [String]) {
    self.kind = kind
    self.inputs = inputs
  }

  /// The result and the evaluation (its gradients and DINO's updated centre).
  public struct Outcome: Sendable {
    public var result: ObjectiveResult
    public var evaluation: ObjectiveEvaluation
  }

  /// - Throws: ``InputError`` for unreadable files, non-finite values or a wrong shape
  ///   (naming the file); ``ObjectiveInputError`` for a wrong number of inputs or a bad parameter.
  public func run(context: ExecutionContext) throws -> Outcome {
    // Every array in the order its gradient is written (the centre has none).
    let ordered = inputs + teacher + student + low + (bank.map { [$0] } ?? [])
    let loaded = try ordered.map(Self.load)
    let (positional, views) = (Array(loaded[..<inputs.count]), loaded[inputs.count...])
    let teachers = Array(views.prefix(teacher.count)), students = Array(views.dropFirst(teacher.count).prefix(student.count))
    let lows = Array(views.dropFirst(teacher.count + student.count).prefix(low.count))
    let evaluation: ObjectiveEvaluation
    do {
      evaluation = try context.blas {
        try ObjectiveEvaluation(
          kind, inputs: positional, bank: bank == nil ? nil : loaded.last, low: lows, teacher: teachers, student: students,
          center: try center.map(Self.load), parameters: parameters, context: context)
      }
    } catch ObjectiveInputError.shape(let index, let expected, let found) {
      // Inputs are numbered in gradient order: positional, then the flagged views, bank last.
      let gradientOrder = inputs + (kind == .swav ? low : teacher + student) + (bank.map { [$0] } ?? []) + (center.map { [$0] } ?? [])
      let path = index < gradientOrder.count ? gradientOrder[index] : "input \(index)"
      throw InputError(path, "expected \(expected), found shape (\(found.map(String.init).joined(separator: ", ")))")
    }
    let shapes = loaded.map(\.shape)
    let order = kind == .swav ? inputs + low : inputs + teacher + student + (bank.map { [$0] } ?? [])
    let orderedShapes = kind == .swav ? shapes[..<inputs.count] + shapes[(inputs.count + teacher.count + student.count)...] : shapes[...]
    let result = ObjectiveResult(
      objective: kind.rawValue, value: evaluation.value,
      parameters: Dictionary(uniqueKeysWithValues: evaluation.parameters.map { ($0.name, ObjectiveResult.Values($0.values)) }),
      inputs: zip(order, orderedShapes).map { ObjectiveResult.Input(path: $0, shape: $1) })
    return Outcome(result: result, evaluation: evaluation)
  }

  /// A non-empty 2-D array of finite numbers as a float64 tensor.
  static func load(_ argument: String) throws -> Tensor<Double> {
    let array = try ArrayFile.open(argument)
    _ = try array.matrix()  // 2-D with a row and a column: an empty side would size buffers by the other alone
    let values = array.doubles()
    if let bad = values.firstIndex(where: { !$0.isFinite }) {
      throw InputError(array.name, "holds NaN or Inf (first at row \(bad / max(1, array.layout.shape[1])))")
    }
    return Tensor(shape: array.layout.shape, scalars: values)
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
