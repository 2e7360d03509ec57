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
      ntxent A B [--temperature \(defaultText(NTXent.defaultTemperature))] [--bank BANK]; negative-cosine A B; \
      vicreg A B [--lambda \(defaultText(VICReg.defaultLambda)) --mu \(defaultText(VICReg.defaultMu)) \
      --nu \(defaultText(VICReg.defaultNu)) --eps \(defaultText(VICReg.defaultEps))]; \
      barlowtwins A B [--lambda \(defaultText(BarlowTwins.defaultLambda))]; \
      swav HIGH... [--low LOW...] [--temperature \(defaultText(SwAV.defaultTemperature)) \
      --sinkhorn-iterations \(SwAV.defaultSinkhornIterations) --sinkhorn-epsilon \(defaultText(SwAV.defaultSinkhornEpsilon))]; \
      dino --teacher T... --student S... [--teacher-temperature \(defaultText(DINO.defaultTeacherTemperature)) \
      --student-temperature \(defaultText(DINO.defaultStudentTemperature)) \
      --center C --center-momentum \(defaultText(DINO.defaultCenterMomentum))]; \
      qreg Z [--epsilon \(defaultText(QScoreRegularizer.defaultEpsilon)) --band \(defaultText(QScoreRegularizer.defaultBand)) \
      --lambda1 \(defaultText(QScoreRegularizer.defaultLambda1)) --lambda2 \(defaultText(QScoreRegularizer.defaultLambda2))]. \
      Inputs are 2-D arrays (path, path.npz:key, path.safetensors:name or path.pth:key), computed in float64. \
      --gradient-out DIR writes grad_0.npy, grad_1.npy, … (float64, one per input in the order \
      given; for dino teacher inputs first, then student; for ntxent the bank last) and, for \
      dino, center.npy (the updated centre).
      """)

  @Argument(help: "Objective: \(ObjectiveKind.allCases.map(\.rawValue).joined(separator: ", ")).")
  var name: ObjectiveKind

  @Argument(help: "Input arrays (B × D each).")
  var inputs: [String] = []

  @Option(help: "Temperature (ntxent: \(defaultText(NTXent.defaultTemperature)); swav: \(defaultText(SwAV.defaultTemperature))).") var temperature: Double?
  @Option(help: "ntxent: rows of negatives (a memory bank, MoCo), L2-normalised inside.") var bank: String?
  @Option(help: """
      vicreg: invariance weight (\(defaultText(VICReg.defaultLambda))); \
      barlowtwins: redundancy weight (\(defaultText(BarlowTwins.defaultLambda))).
      """) var lambda: Double?
  @Option(help: "vicreg: variance weight (\(defaultText(VICReg.defaultMu))).") var mu: Double?
  @Option(help: "vicreg: covariance weight (\(defaultText(VICReg.defaultNu))).") var nu: Double?
  @Option(help: "vicreg: ε under the square root of the variance (\(defaultText(VICReg.defaultEps))).") var eps: Double?
  @Option(parsing: .upToNextOption, help: "swav: low-resolution crops' prototype scores.") var low: [String] = []
  @Option(help: "swav: Sinkhorn-Knopp iterations (\(SwAV.defaultSinkhornIterations)).") var sinkhornIterations: Int?
  @Option(help: "swav: Sinkhorn-Knopp ε (\(defaultText(SwAV.defaultSinkhornEpsilon))).") var sinkhornEpsilon: Double?
  @Option(parsing: .upToNextOption, help: "dino: teacher outputs, one array per view.") var teacher: [String] = []
  @Option(parsing: .upToNextOption, help: "dino: student outputs, one array per view.") var student: [String] = []
  @OptionGroup var dino: DINOOptions
  @Option(help: "dino: the centre (K entries; zeros when omitted).") var center: String?
  @Option(help: "qreg: ε of the highly-activating rule (\(defaultText(QScoreRegularizer.defaultEpsilon))).") var epsilon: Double?
  @Option(help: ArgumentHelp("qreg: percentile band of Dset (\(defaultText(QScoreRegularizer.defaultBand))).", valueName: "lo:hi")) var band: PercentileBand?
  @Option(help: "qreg: weight of the low-Q term (\(defaultText(QScoreRegularizer.defaultLambda1))).") var lambda1: Double?
  @Option(help: "qreg: weight of the column-norm term (\(defaultText(QScoreRegularizer.defaultLambda2))).") var lambda2: Double?

  @Option(help: "Write the gradients (and dino's updated centre) as float64 .npy files into this directory.")
  var gradientOut: String?

  @OptionGroup var threading: ThreadOptions
  @OptionGroup var output: JSONOutputOptions
  @OptionGroup var nonFinite: StrictOptions

  func run() throws {
    var arrays: [(flag: String, path: String?)] = inputs.map { ("<inputs>", $0) }
    arrays += teacher.map { ("--teacher", $0) }
    arrays += student.map { ("--student", $0) }
    arrays += low.map { ("--low", $0) }
    arrays += [("--bank", bank), ("--center", center)]
    // grad_<k>.npy for every array but the centre, and dino's center.npy.
    let gradientCount = arrays.count - 2 + (bank == nil ? 0 : 1)
    var gradients: [(flag: String, path: String?)] = []
    if let gradientOut {
      gradients = (0..<gradientCount).map { ("--gradient-out", "\(gradientOut)/grad_\($0).npy") }
      if name == .dino { gradients.append(("--gradient-out", "\(gradientOut)/center.npy")) }
    }
    let outputs = try OutputSet([("--json-out", output.jsonOut)] + gradients, inputs: arrays, folders: [("--gradient-out", gradientOut)])
    var parameters = ObjectiveParameters()
    parameters.temperature = temperature
    parameters.lambda = lambda
    parameters.mu = mu
    parameters.nu = nu
    parameters.eps = eps
    parameters.sinkhornIterations = sinkhornIterations
    parameters.sinkhornEpsilon = sinkhornEpsilon
    parameters.teacherTemperature = dino.teacherTemperature
    parameters.studentTemperature = dino.studentTemperature
    parameters.centerMomentum = dino.centerMomentum
    parameters.epsilon = epsilon
    parameters.band = band?.range
    parameters.lambda1 = lambda1
    parameters.lambda2 = lambda2
    var objective = ObjectiveAnalysis(kind: name, inputs: inputs)
    (objective.teacher, objective.student, objective.low, objective.bank, objective.center) = (teacher, student, low, bank, center)
    (objective.parameters, objective.strict) = (parameters, nonFinite.strict)
    let outcome: ObjectiveAnalysis.Outcome
    do {
      outcome = try objective.run(context: threading.context("objective"), notices: NoticeText.sink())
    } catch let error as ObjectiveInputError {
      throw refusal(error)
    }
    if let gradientOut { try Self.write(outcome, to: gradientOut, in: outputs) }
    try output.emit(result: outcome.result, text: "\(name.rawValue): \(Format.number(outcome.result.value))", outputs: outputs)
  }

  /// `error` in terms of this command's arguments and flags (a parameter's flag is its name
  /// with dashes: `sinkhorn_iterations` is `--sinkhorn-iterations`).
  private func refusal(_ error: ObjectiveInputError) -> any Error {
    func flag(_ name: String) -> String { "--" + name.replacingOccurrences(of: "_", with: "-") }
    return switch error {
    case .inputCount(let expected, let found): ValidationError("\(name.rawValue) needs \(expected), got \(found)")
    case .parameter(let parameter, let requirement): ValidationError("\(flag(parameter)) \(requirement)")
    case .parameterNotTaken(let parameter): ValidationError("\(flag(parameter)) does not apply to \(name.rawValue)")
    case .inputNotTaken(.bank): ValidationError("--bank applies to ntxent only")
    case .inputNotTaken(.low): ValidationError("--low applies to swav only")
    case .inputNotTaken(.dinoViews): ValidationError("--teacher, --student and --center apply to dino only")
    case .inputNotTaken(.positional): ValidationError("dino takes its inputs from --teacher and --student")
    case .shape: error  // reported by the analysis as an InputError naming the file
    }
  }

  /// Stages `grad_<k>.npy` (one per input, zero on the rows left out) and dino's
  /// `center.npy` of `directory` (created and locked by `outputs`) in `outputs`.
  static func write(_ outcome: ObjectiveAnalysis.Outcome, to directory: String, in outputs: OutputSet) throws {
    for (index, gradient) in outcome.gradients.enumerated() {
      try NPYWriter.write(gradient.scalars, shape: gradient.shape, to: directory + "/grad_\(index).npy", in: outputs)
    }
    if let center = outcome.evaluation.center { try NPYWriter.write(center.scalars, shape: center.shape, to: directory + "/center.npy", in: outputs) }
  }
}
