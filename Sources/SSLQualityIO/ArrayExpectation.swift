// ssl-quality · ArrayExpectation.swift — the rank and extents a command needs of an array, checked from its header.

/// What a command needs an array argument to be, judged from its header alone: for a
/// `.npz` member, from the first inflated bytes, so an archive member of the wrong rank
/// or length is refused before the rest of it is inflated (a deflated member grows up to
/// 1032-fold; a 4 MB member of zeros inflates to 4 GiB).
public enum ArrayExpectation: Sendable {
  /// Any array (``ArrayFile/open(_:expecting:)``'s default).
  case any
  /// A non-empty 2-D array, samples × features (``StoredArray/matrix()``).
  case matrix
  /// A 1-D array of labels (``StoredArray/labels()``), of `rows` entries when given: one
  /// per row of the matrix `matrixName`.
  case labels(rows: Int? = nil, of: String = "")
  /// A stack of heatmaps `[N, H, W]`, every extent non-zero.
  case heatmaps

  /// Throws unless `layout` is what is expected; `name` names the array in the message.
  ///
  /// - Throws: ``InputError`` naming `name`, the expectation and what was found.
  public func check(_ layout: ArrayLayout, name: String) throws {
    let shape = layout.shape
    switch self {
    case .any:
      return
    case .matrix:
      guard shape.count == 2 else { throw InputError(name, "expected a 2-D float array, found \(layout.summary)") }
      guard shape[0] > 0, shape[1] > 0 else { throw InputError(name, "expected a non-empty 2-D array, found \(layout.summary)") }
    case .labels(let rows, let matrixName):
      guard shape.count == 1 else { throw InputError(name, "expected a 1-D integer array of labels, found \(layout.summary)") }
      if let rows, shape[0] != rows { throw InputError(name, "has \(shape[0]) labels but \(matrixName) has \(rows) rows") }
    case .heatmaps:
      guard shape.count == 3, shape.allSatisfy({ $0 > 0 }) else {
        throw InputError(name, "expected heatmaps of shape [N, H, W], found \(layout.summary)")
      }
    }
  }
}
