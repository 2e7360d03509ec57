// ssl-quality · ObjectiveEvaluation.swift — one objective on given arrays, checked first.

import SSLQuality

/// The objectives ``ObjectiveEvaluation`` evaluates, by their names: the SSL losses and
/// the Q-Score regulariser. Each loss's defaults are its type's (``NTXent/defaultTemperature``,
/// ``VICReg/defaultLambda`` …), shared with fine-tuning, whose methods train with them:
///
/// | objective | loss | fine-tuning methods training with it |
/// | --- | --- | --- |
/// | `ntxent` | ``NTXent``; with a bank ``NTXentMemoryBank`` | `simclr`; `moco` (against its queue) |
/// | `negative-cosine` | ``NegativeCosine`` | `byol`, `simsiam` |
/// | `vicreg` | ``VICReg`` | `vicreg` |
/// | `barlowtwins` | ``BarlowTwins`` | `barlowtwins` |
/// | `swav` | ``SwAV`` | `swav` |
/// | `dino` | ``DINO`` | `dino` |
/// | `qreg` | ``QScoreRegularizer`` | every method, added to its loss |
public enum ObjectiveKind: String, Sendable, CaseIterable {
  case ntxent
  case negativeCosine = "negative-cosine"
  case vicreg
  case barlowtwins
  case swav
  case dino
  case qreg
}

/// Hyper-parameters of every objective; `nil` means the objective's default.
public struct ObjectiveParameters: Sendable {
  public var temperature: Double?
  public var lambda: Double?, mu: Double?, nu: Double?, eps: Double?
  public var sinkhornIterations: Int?, sinkhornEpsilon: Double?
  public var teacherTemperature: Double?, studentTemperature: Double?, centerMomentum: Double?
  public var epsilon: Double?, band: ClosedRange<Double>?, lambda1: Double?, lambda2: Double?

  public init() {}

  /// The names of the parameters that are set, as ``ObjectiveEvaluation/parameters`` names
  /// them (for rejecting ones an objective does not take).
  var setNames: [String] {
    var names: [String] = []
    if temperature != nil { names.append("temperature") }
    if lambda != nil { names.append("lambda") }
    if mu != nil { names.append("mu") }
    if nu != nil { names.append("nu") }
    if eps != nil { names.append("eps") }
    if sinkhornIterations != nil { names.append("sinkhorn_iterations") }
    if sinkhornEpsilon != nil { names.append("sinkhorn_epsilon") }
    if teacherTemperature != nil { names.append("teacher_temperature") }
    if studentTemperature != nil { names.append("student_temperature") }
    if centerMomentum != nil { names.append("center_momentum") }
    if epsilon != nil { names.append("epsilon") }
    if band != nil { names.append("band") }
    if lambda1 != nil { names.append("lambda1") }
    if lambda2 != nil { names.append("lambda2") }
    return names
  }
}

/// Why an objective cannot be evaluated on the given inputs (the caller names the files
/// and the options).
public enum ObjectiveInputError: Error, Equatable, Sendable {
  /// Input `index` has the wrong shape; `expected` says what was needed.
  case shape(index: Int, expected: String, found: [Int])
  /// The objective needs another number of inputs.
  case inputCount(expected: String, found: Int)
  /// The parameter `name` (as ``ObjectiveEvaluation/parameters`` names it) is out of
  /// range; `requirement` says what it must be (`must be a positive number, got 0`).
  case parameter(name: String, requirement: String)
  /// The parameter `name` does not apply to the objective.
  case parameterNotTaken(name: String)
  /// Inputs of a kind the objective does not take.
  case inputNotTaken(ObjectiveInputRole)
}

/// The inputs an objective takes besides the positional ones, each for one objective.
public enum ObjectiveInputRole: Sendable, Equatable {
  /// NT-Xent's bank of negatives.
  case bank
  /// SwAV's low-resolution crops.
  case low
  /// DINO's teacher and student views and its centre.
  case dinoViews
  /// Positional inputs, which DINO does not take.
  case positional
}

/// An objective evaluated on arrays: the value, the gradient with respect to every input
/// (in the order given: for DINO, teacher inputs first, then student; for NT-Xent with a
/// bank, the bank last) and, for DINO, the updated centre. Computed in `Double`.
public struct ObjectiveEvaluation: Sendable {
  public let kind: ObjectiveKind
  public let value: Double
  public let gradients: [Tensor<Double>]
  /// DINO's updated centre (`1 × K`), `nil` for the other objectives.
  public let center: Tensor<Double>?
  /// The hyper-parameters used, by their JSON names, in a fixed order (`band` as two numbers).
  public let parameters: [(name: String, values: [Double])]

  /// Evaluates `kind`. `inputs` are the positional arrays (NT-Xent: `A B`; SwAV: the
  /// high-resolution crops; DINO: none), `extra` the arrays given by flags (NT-Xent: the
  /// bank; SwAV: the low-resolution crops; DINO: teacher views, then student views, then
  /// the centre when given — `teacherCount` and `studentCount` say how many of each).
  ///
  /// - Throws: ``ObjectiveInputError`` for wrong shapes, input counts or parameters.
  public init(
    _ kind: ObjectiveKind, inputs: [Tensor<Double>], bank: Tensor<Double>? = nil, low: [Tensor<Double>] = [],
    teacher: [Tensor<Double>] = [], student: [Tensor<Double>] = [], center givenCenter: Tensor<Double>? = nil,
    parameters p: ObjectiveParameters = ObjectiveParameters(), context: ExecutionContext = .serial
  ) throws {
    self.kind = kind
    let allowed: Set<String>
    switch kind {
    case .ntxent: allowed = ["temperature"]
    case .negativeCosine: allowed = []
    case .vicreg: allowed = ["lambda", "mu", "nu", "eps"]
    case .barlowtwins: allowed = ["lambda"]
    case .swav: allowed = ["temperature", "sinkhorn_iterations", "sinkhorn_epsilon"]
    case .dino: allowed = ["teacher_temperature", "student_temperature", "center_momentum"]
    case .qreg: allowed = ["epsilon", "band", "lambda1", "lambda2"]
    }
    if let stray = p.setNames.first(where: { !allowed.contains($0) }) {
      throw ObjectiveInputError.parameterNotTaken(name: stray)
    }
    if kind != .ntxent, bank != nil { throw ObjectiveInputError.inputNotTaken(.bank) }
    if kind != .swav, !low.isEmpty { throw ObjectiveInputError.inputNotTaken(.low) }
    if kind != .dino, !teacher.isEmpty || !student.isEmpty || givenCenter != nil {
      throw ObjectiveInputError.inputNotTaken(.dinoViews)
    }
    for (index, input) in (inputs + low + teacher + student).enumerated() where input.shape.count != 2 {
      throw ObjectiveInputError.shape(index: index, expected: "a 2-D array", found: input.shape)
    }
    switch kind {
    case .ntxent, .negativeCosine, .vicreg, .barlowtwins:
      let (a, b) = try Self.pair(inputs, minimumRows: kind == .vicreg || kind == .barlowtwins ? 2 : 1)
      switch kind {
      case .ntxent:
        let temperature = try Self.positive(p.temperature ?? NTXent.defaultTemperature, "temperature")
        parameters = [("temperature", [temperature])]
        if let bank {
          guard bank.shape.count == 2, bank.columns == a.columns, bank.rows > 0 else {
            throw ObjectiveInputError.shape(index: 2, expected: "K × \(a.columns) (rows of negatives)", found: bank.shape)
          }
          let result = NTXentMemoryBank(temperature: temperature).evaluate(a, b, bank: bank)
          (value, gradients) = (result.value, result.gradients)
        } else {
          let result = NTXent(temperature: temperature).evaluate(a, b)
          (value, gradients) = (result.value, result.gradients)
        }
      case .negativeCosine:
        let loss = NegativeCosine()
        parameters = [("eps", [loss.eps])]
        let result = loss.evaluate(a, b)
        (value, gradients) = (result.value, result.gradients)
      case .vicreg:
        let loss = VICReg(
          lambda: try Self.nonNegative(p.lambda ?? VICReg.defaultLambda, "lambda"), mu: try Self.nonNegative(p.mu ?? VICReg.defaultMu, "mu"),
          nu: try Self.nonNegative(p.nu ?? VICReg.defaultNu, "nu"), eps: try Self.positive(p.eps ?? VICReg.defaultEps, "eps"))
        parameters = [("lambda", [loss.lambda]), ("mu", [loss.mu]), ("nu", [loss.nu]), ("eps", [loss.eps])]
        let result = loss.evaluate(a, b)
        (value, gradients) = (result.value, result.gradients)
      default:
        let loss = BarlowTwins(lambda: try Self.nonNegative(p.lambda ?? BarlowTwins.defaultLambda, "lambda"))
        parameters = [("lambda", [loss.lambda])]
        let result = loss.evaluate(a, b)
        (value, gradients) = (result.value, result.gradients)
      }
      center = nil
    case .swav:
      guard !inputs.isEmpty, inputs.count + low.count >= 2 else {
        throw ObjectiveInputError.inputCount(expected: "at least one high-resolution crop and two crops in all", found: inputs.count + low.count)
      }
      try Self.sameShape(inputs + low)
      guard p.sinkhornIterations.map({ $0 >= 1 && $0 <= 1000 }) ?? true else {
        throw ObjectiveInputError.parameter(name: "sinkhorn_iterations", requirement: "must be in 1...1000")
      }
      let loss = SwAV(
        temperature: try Self.positive(p.temperature ?? SwAV.defaultTemperature, "temperature"),
        sinkhornIterations: p.sinkhornIterations ?? SwAV.defaultSinkhornIterations,
        sinkhornEpsilon: try Self.positive(p.sinkhornEpsilon ?? SwAV.defaultSinkhornEpsilon, "sinkhorn_epsilon"))
      parameters = [
        ("temperature", [loss.temperature]), ("sinkhorn_iterations", [Double(loss.sinkhornIterations)]),
        ("sinkhorn_epsilon", [loss.sinkhornEpsilon]),
      ]
      let result = loss.evaluate(high: inputs, low: low)
      (value, gradients, center) = (result.value, result.gradients, nil)
    case .dino:
      guard inputs.isEmpty else { throw ObjectiveInputError.inputNotTaken(.positional) }
      guard !teacher.isEmpty, !student.isEmpty, teacher.count * student.count - min(teacher.count, student.count) > 0 else {
        throw ObjectiveInputError.inputCount(
          expected: "at least one teacher and one student view, and a pair of different views", found: teacher.count + student.count)
      }
      try Self.sameShape(teacher + student)
      let k = teacher[0].columns
      let c = givenCenter ?? Tensor(shape: [1, k])
      guard c.count == k, c.shape.count <= 2 else {
        throw ObjectiveInputError.shape(index: teacher.count + student.count, expected: "a centre of \(k) entries", found: c.shape)
      }
      let momentum = p.centerMomentum ?? DINO.defaultCenterMomentum
      guard (0...1).contains(momentum) else { throw ObjectiveInputError.parameter(name: "center_momentum", requirement: "must be in [0, 1]") }
      let loss = DINO(
        teacherTemperature: try Self.positive(p.teacherTemperature ?? DINO.defaultTeacherTemperature, "teacher_temperature"),
        studentTemperature: try Self.positive(p.studentTemperature ?? DINO.defaultStudentTemperature, "student_temperature"), centerMomentum: momentum)
      parameters = [
        ("teacher_temperature", [loss.teacherTemperature]), ("student_temperature", [loss.studentTemperature]),
        ("center_momentum", [loss.centerMomentum]),
      ]
      let result = loss.evaluate(teacher: teacher, student: student, center: c.reshaped([1, k]))
      (value, gradients, center) = (result.objective.value, result.objective.gradients, result.center)
    case .qreg:
      guard inputs.count == 1 else { throw ObjectiveInputError.inputCount(expected: "one array Z", found: inputs.count) }
      let band = p.band ?? QScoreRegularizer.defaultBand
      guard band.lowerBound >= 0, band.upperBound <= 100 else { throw ObjectiveInputError.parameter(name: "band", requirement: "must lie within 0:100") }
      let regularizer = QScoreRegularizer(
        epsilon: try Self.nonNegative(p.epsilon ?? QScoreRegularizer.defaultEpsilon, "epsilon"), band: band,
        lambda1: try Self.nonNegative(p.lambda1 ?? QScoreRegularizer.defaultLambda1, "lambda1"),
        lambda2: try Self.nonNegative(p.lambda2 ?? QScoreRegularizer.defaultLambda2, "lambda2"))
      parameters = [
        ("epsilon", [regularizer.epsilon]), ("band", [band.lowerBound, band.upperBound]), ("lambda1", [regularizer.lambda1]),
        ("lambda2", [regularizer.lambda2]),
      ]
      let result = regularizer.evaluate(inputs[0], context: context)
      (value, gradients, center) = (result.value, result.gradients, nil)
    }
  }

  private static func pair(_ inputs: [Tensor<Double>], minimumRows: Int) throws -> (Tensor<Double>, Tensor<Double>) {
    guard inputs.count == 2 else { throw ObjectiveInputError.inputCount(expected: "two arrays A B", found: inputs.count) }
    guard inputs[0].rows >= minimumRows, inputs[0].columns > 0 else {
      throw ObjectiveInputError.shape(index: 0, expected: "B × D with B ≥ \(minimumRows) and D ≥ 1", found: inputs[0].shape)
    }
    try sameShape(inputs)
    return (inputs[0], inputs[1])
  }

  private static func sameShape(_ inputs: [Tensor<Double>]) throws {
    for (index, input) in inputs.enumerated() where input.shape != inputs[0].shape || input.count == 0 {
      throw ObjectiveInputError.shape(index: index, expected: "the shape of the first input (\(inputs[0].shape.map(String.init).joined(separator: ", "))), not empty", found: input.shape)
    }
  }

  private static func positive(_ value: Double, _ name: String) throws -> Double {
    guard value.isFinite, value >= 1e-8 else { throw ObjectiveInputError.parameter(name: name, requirement: "must be a positive number, got \(value)") }
    return value
  }

  private static func nonNegative(_ value: Double, _ name: String) throws -> Double {
    guard value.isFinite, value >= 0 else { throw ObjectiveInputError.parameter(name: name, requirement: "must be a non-negative number, got \(value)") }
    return value
  }
}
