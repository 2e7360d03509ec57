// ssl-quality · ProbeInputs.swift — the train and test splits of a probe, loaded and checked against each other.

import SSLQuality
import SSLQualityIO

/// Train/test inputs of a probe, loaded and checked against each other, with rows holding
/// NaN or ±∞ left out (a notice names the file, the count and the first rows) or refused
/// under ``NonFiniteRowPolicy/strict``.
public struct ProbeInputs: Sendable {
  public var train: Matrix
  public var trainLabels: [Int]
  public var test: Matrix
  /// The test split as read, every row included (shares ``test``'s storage when no row is
  /// left out).
  public var givenTest: Matrix
  /// Number of distinct train labels.
  public var classes: Int
  /// Test rows left out for NaN or ±∞ (empty when every row is finite).
  public var excludedTest: NonFiniteRows

  /// Loads the train split and checks `test` against it: same features, at least two
  /// classes, and (when `testLabels` is given) no test label unseen in training.
  /// `noticeTest: false` when the caller reports the test rows itself.
  ///
  /// - Throws: ``InputError`` for unreadable or mismatched files.
  public static func load(
    train: String, trainLabels: String, test: StoredMatrix, testLabels: [Int]?, testLabelsName: String?,
    nonFinite: NonFiniteRowPolicy, noticeTest: Bool = true, context: ExecutionContext
  ) throws -> ProbeInputs {
    let trainMatrix = try ArrayFile.matrix(train)
    var labels = try ArrayFile.labels(trainLabels, matchingRows: trainMatrix.rows, of: trainMatrix.array.name)
    guard trainMatrix.columns == test.columns else {
      throw InputError(test.array.name, "has \(test.columns) features but the train split \(trainMatrix.array.name) has \(trainMatrix.columns)")
    }
    var trainValues = trainMatrix.load(context: context)
    let badTrain = NonFiniteRows(trainValues)
    try nonFinite.leaveOut(badTrain, of: trainMatrix.array.name)
    trainValues = badTrain.removing(from: trainValues)
    labels = badTrain.removing(from: labels)
    guard trainValues.rows > 0 else { throw InputError(trainMatrix.array.name, "no row is free of NaN and Inf") }
    let encoding = LabelEncoding(labels)
    guard encoding.count >= 2 else {
      throw InputError(trainLabels, "the train split has a single class (\(encoding.classes.first.map(String.init) ?? "none")); a probe needs at least two")
    }
    let testValues = test.load(context: context)
    let badTest = NonFiniteRows(testValues)
    if noticeTest || nonFinite.strict { try nonFinite.leaveOut(badTest, of: test.array.name) }
    if let testLabels, let testLabelsName, case .failure(let unseen) = encoding.encode(badTest.removing(from: testLabels)) {
      let position = badTest.kept[unseen.position]
      throw InputError(testLabelsName, "label \(unseen.label) at index \(position) never occurs in the train labels \(trainLabels)")
    }
    return ProbeInputs(
      train: trainValues, trainLabels: labels, test: badTest.removing(from: testValues), givenTest: testValues, classes: encoding.count, excludedTest: badTest)
  }
}
