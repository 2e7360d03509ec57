// ssl-quality · LabelEncoding.swift — arbitrary integer labels as class indices 0..<C.

/// Maps arbitrary integer labels to class indices `0..<C` (ascending label order, as
/// scikit-learn's `classes_`) and back.
public struct LabelEncoding: Sendable, Equatable {
  /// The distinct labels, ascending; index `k` is class `k`.
  public let classes: [Int]
  private let index: [Int: Int]

  /// The classes present in `labels`.
  public init(_ labels: [Int]) {
    classes = Array(Set(labels)).sorted()
    index = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($0.element, $0.offset) })
  }

  /// Number of classes.
  public var count: Int { classes.count }

  /// Class index of `label`, or `nil` for a label not seen when fitting.
  public func classIndex(_ label: Int) -> Int? { index[label] }

  /// Class indices of `labels`; the first unseen label is returned in the failure.
  public func encode(_ labels: [Int]) -> Result<[Int32], UnseenLabel> {
    var encoded = [Int32]()
    encoded.reserveCapacity(labels.count)
    for (position, label) in labels.enumerated() {
      guard let k = index[label] else { return .failure(UnseenLabel(label: label, position: position)) }
      encoded.append(Int32(k))
    }
    return .success(encoded)
  }

  /// A label absent from the classes, and where it was found.
  public struct UnseenLabel: Error, Equatable {
    public let label: Int, position: Int
  }
}

/// A train split ready for a linear probe: labels encoded as class indices and features
/// standardised (when asked) with the split's own statistics.
struct ProbeTrainingSet {
  let encoding: LabelEncoding
  let targets: [Int32]
  let standardizer: Standardizer?
  /// The training features: standardised, or as given when `standardizesOnTheFly`.
  let features: Matrix
  /// Whether `features` are unstandardised and `standardizer` is to be applied on the fly.
  let standardizesOnTheFly: Bool

  /// - Precondition: one label per row and at least two classes (the command line checks
  ///   both before fitting).
  /// - Parameter onTheFly: skip the standardised copy when the consumer can standardise
  ///   on the fly and the features' offsets allow it.
  init(_ train: Matrix, labels: [Int], standardize: Bool, onTheFly: Bool = false, context: ExecutionContext) {
    precondition(train.rows == labels.count, "one label per row")
    encoding = LabelEncoding(labels)
    precondition(encoding.count >= 2, "a probe needs at least two classes")
    guard case .success(let encoded) = encoding.encode(labels) else { preconditionFailure("labels encode themselves") }
    targets = encoded
    let standardizer = standardize ? Standardizer(fitting: train, context: context) : nil
    self.standardizer = standardizer
    standardizesOnTheFly = onTheFly && (standardizer?.allowsOnTheFly ?? false)
    features = standardizesOnTheFly ? train : standardizer?.transform(train, context: context) ?? train
  }
}
