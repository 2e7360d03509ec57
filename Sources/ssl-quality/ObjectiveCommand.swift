// ssl-quality · ObjectiveCommand.swift — `ssl-quality objective NAME INPUT...`.

import ArgumentParser
import Foundation
import SSLQuality
import SSLQualityAnalysis
import SSLQualityIO
import SSLQualityTraining

extension ObjectiveKind: ExpressibleByArgument {}

/// Evaluates one SSL objective (or the Q-Score regulariser) on arrays a user dumped, e.g.
/// held-out projections of two checkpoints, with its gradient on request.
struct ObjectiveCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "objective",
    abstract: "Value (and gradient) of an SSL objective or the Q-Score regulariser on given arrays.",
    discussion: """
      ntxent A B [--temperature 0.5] [--bank BANK]; negative-cosine A B; \
      vicreg A B [--lambda 25 --mu 25 --nu 1 --eps 1e-4]; barlowtwins A B [--lambda 5e-3]; \
      swav HIGH... [--low LOW...] [--temperature 0.1 --sinkhorn-iterations 3 --sinkhorn-epsilon 0.05]; \
      dino --teacher T... --student S... [--teacher-temperature 0.04 --student-temperature 0.1 \
      --center C --center-momentum 0.9]; qreg Z [--epsilon 4 --band 50:95 --lambda1 1e-4 --lambda2 1e-4]. \
      Inputs are 2-D arrays (path, path.npz:key or path.safetensors:name), computed in float64. \
      --gradient-out DIR writes grad_0.npy, grad_1.npy, … (float64, one per input in the order \
      given; for dino teacher inputs first, then student; for ntxent the bank last) and, for \
      dino, center.npy (the updated centre).
      """)

  @Argument(help: "Objective: \(ObjectiveKind.allCases.map(\.rawValue).joined(separator: ", ")).")
  var name: ObjectiveKind

  @Argument(help: "Input arrays (B × D each).")
  var inputs: [String] = []

  @Option(help: "Temperature (ntxent: 0.5; swav: 0.1).") var temperature: Double?
  @Option(help: "ntxent: rows of negatives (a memory bank, MoCo), L2-normalised inside.") var bank: String?
  @Option(help: "vicreg: invariance weight (25); barlowtwins: redundancy weight (5e-3).") var lambda: Double?
  @Option(help: "vicreg: variance weight (25).") var mu: Double?
  @Option(help: "vicreg: covariance weight (1).") var nu: Double?
  @Option(help: "vicreg: ε under the square root of the variance (1e-4).") var eps: Double?
  @Option(parsing: .upToNextOption, help: "swav: low-resolution crops' prototype scores.") var low: [String] = []
  @Option(help: "swav: Sinkhorn-Knopp iterations (3).") var sinkhornIterations: Int?
  @Option(help: "swav: Sinkhorn-Knopp ε (0.05).") var sinkhornEpsilon: Double?
  @Option(parsing: .upToNextOption, help: "dino: teacher outputs, one array per view.") var teacher: [String] = []
  @Option(parsing: .upToNextOption, help: "dino: student outputs, one array per view.") var student: [String] = []
  @Option(help: "dino: teacher temperature (0.04).") var teacherTemperature: Double?
  @Option(help: "dino: student temperature (0.1).") var studentTemperature: Double?
  @Option(help: "dino: the centre (K entries; zeros when omitted).") var center: String?
  @Option(help: "dino: centre momentum (0.9).") var centerMomentum: Double?
  @Option(help: "qreg: ε of the highly-activating rule (4).") var epsilon: Double?
  @Option(help: ArgumentHelp("qreg: percentile band of Dset (50:95).", valueName: "lo:hi")) var band: PercentileBand?
  @Option(help: "qreg: weight of the low-Q term (1e-4).") var lambda1: Double?
  @Option(help: "qreg: weight of the column-norm term (1e-4).") var lambda2: Double?

  @Option(help: "Write the gradients (and dino's updated centre) as float64 .npy files into this directory.")
  var gradientOut: String?

  @OptionGroup var common: CommonOptions

  func run() throws {
    var parameters = ObjectiveParameters()
    parameters.temperature = temperature
    parameters.lambda = lambda
    parameters.mu = mu
    parameters.nu = nu
    parameters.eps = eps
    parameters.sinkhornIterations = sinkhornIterations
    parameters.sinkhornEpsilon = sinkhornEpsilon
    parameters.teacherTemperature = teacherTemperature
    parameters.studentTemperature = studentTemperature
    parameters.centerMomentum = centerMomentum
    parameters.epsilon = epsilon
    parameters.band = band?.range
    parameters.lambda1 = lambda1
    parameters.lambda2 = lambda2
    // Every array in the order its gradient is written (the centre has none).
    let ordered = inputs + teacher + student + low + (bank.map { [$0] } ?? [])
    let loaded = try ordered.map(Self.load)
    let (positional, views) = (Array(loaded[..<inputs.count]), loaded[inputs.count...])
    let teachers = Array(views.prefix(teacher.count)), students = Array(views.dropFirst(teacher.count).prefix(student.count))
    let lows = Array(views.dropFirst(teacher.count + student.count).prefix(low.count))
    let evaluation: ObjectiveEvaluation
    let context = common.context("objective")
    do {
      evaluation = try context.blas {
        try ObjectiveEvaluation(
        name, inputs: positional, bank: bank == nil ? nil : loaded.last, low: lows, teacher: teachers, student: students,
          center: try center.map(Self.load), parameters: parameters, context: context)
      }
    } catch let error as ObjectiveInputError {
      switch error {
      case .shape(let index, let expected, let found):
        // Inputs are numbered in gradient order: positional, then the flagged views, bank last.
        let gradientOrder = inputs + (name == .swav ? low : teacher + student) + (bank.map { [$0] } ?? []) + (center.map { [$0] } ?? [])
        let path = index < gradientOrder.count ? gradientOrder[index] : "input \(index)"
        throw InputError(path, "expected \(expected), found shape (\(found.map(String.init).joined(separator: ", ")))")
      case .inputCount(let expected, let found): throw ValidationError("\(name.rawValue) needs \(expected), got \(found)")
      case .parameter(let message): throw ValidationError(message)
      }
    }
    if let gradientOut { try Self.write(evaluation, to: gradientOut) }
    let shapes = loaded.map(\.shape)
    let order = name == .swav ? inputs + low : inputs + teacher + student + (bank.map { [$0] } ?? [])
    let orderedShapes = name == .swav ? shapes[..<inputs.count] + shapes[(inputs.count + teacher.count + student.count)...] : shapes[...]
    let report = ObjectiveReport(
      objective: name.rawValue, value: evaluation.value,
      parameters: Dictionary(uniqueKeysWithValues: evaluation.parameters.map { ($0.name, ObjectiveReport.Values($0.values)) }),
      inputs: zip(order, orderedShapes).map { ObjectiveReport.Input(path: $0, shape: $1) })
    try common.emit(result: report, text: "\(name.rawValue): \(Format.number(evaluation.value))")
  }

  /// A 2-D array of finite numbers as a float64 tensor.
  static func load(_ argument: String) throws -> Tensor<Double> {
    let array = try ArrayFile.open(argument)
    guard array.layout.shape.count == 2 else {
      throw InputError(array.name, "expected a 2-D float array, found \(array.layout.summary)")
    }
    let values = array.doubles()
    if let bad = values.firstIndex(where: { !$0.isFinite }) {
      throw InputError(array.name, "holds NaN or Inf (first at row \(bad / max(1, array.layout.shape[1])))")
    }
    return Tensor(shape: array.layout.shape, scalars: values)
  }

  /// Writes `grad_<k>.npy` and dino's `center.npy` into `directory`, each atomically.
  static func write(_ evaluation: ObjectiveEvaluation, to directory: String) throws {
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw InputError(directory, "cannot create the gradient directory (\(error.localizedDescription))")
    }
    for (index, gradient) in evaluation.gradients.enumerated() {
      try NPYWriter.write(gradient.scalars, shape: gradient.shape, to: directory + "/grad_\(index).npy")
    }
    if let center = evaluation.center { try NPYWriter.write(center.scalars, shape: center.shape, to: directory + "/center.npy") }
  }
}

/// The `objective --json` document: the objective's name and value, its parameters (one
/// number, or a list) and the inputs in gradient order with their shapes.
struct ObjectiveReport: Encodable {
  /// A parameter's values: a number when there is one, else a list.
  enum Values: Encodable {
    case one(Double), many([Double])

    init(_ values: [Double]) { self = values.count == 1 ? .one(values[0]) : .many(values) }

    func encode(to encoder: any Encoder) throws {
      var container = encoder.singleValueContainer()
      switch self {
      case .one(let value): try container.encode(value)
      case .many(let values): try container.encode(values)
      }
    }
  }

  struct Input: Encodable {
    var path: String
    var shape: [Int]

    enum CodingKeys: String, OrderedCodingKey {
      case path, shape
    }
  }

  var objective: String
  var value: Double
  var parameters: [String: Values]
  var inputs: [Input]

  enum CodingKeys: String, OrderedCodingKey {
    case objective, value, parameters, inputs
  }
}
