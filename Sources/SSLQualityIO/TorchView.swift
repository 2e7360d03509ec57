// ssl-quality · TorchView.swift — where a saved tensor's elements lie in its storage.

/// A tensor as a view of its storage: element `(i_0, …, i_{k−1})` is storage element
/// `offset + Σ i_d · stride_d` (PyTorch's strided layout). Checked on creation: extents,
/// strides and offset are non-negative, every element lies inside the storage, and no two
/// elements share one storage element — so the view holds at most as many elements as its
/// storage, and gathering it allocates no more than the file holds.
struct TorchView {
  /// How the elements lie: row-major or column-major without gaps (read in place), or otherwise.
  enum Order { case c, fortran, strided }

  let shape: [Int], strides: [Int], offset: Int
  let elementCount: Int
  let order: Order

  init(shape: [Int], strides: [Int], offset: Int, storageCount: Int, name: String) throws {
    guard strides.allSatisfy({ $0 >= 0 }), offset >= 0 else {
      throw InputError(name, "a tensor with a negative stride or storage offset")
    }
    (self.shape, self.strides, self.offset) = (shape, strides, offset)
    elementCount = shape.reduce(1, *)  // the shape's product was checked by ArrayLayout(checking:)
    // Sorted by stride, each dimension must step past everything the smaller ones span.
    let dimensions = shape.indices.filter { shape[$0] > 1 }.sorted { strides[$0] < strides[$1] }
    var span = 1
    for d in dimensions {
      guard strides[d] >= span else { throw InputError(name, "a tensor whose elements overlap in storage (a broadcast view); save it with .contiguous()") }
      let (next, overflow) = strides[d].multipliedReportingOverflow(by: shape[d])
      guard !overflow else { throw InputError(name, "a tensor whose strides overflow") }
      span = next
    }
    if elementCount > 0 {
      let last = dimensions.reduce(offset) { $0 + (shape[$1] - 1) * strides[$1] }
      guard last < storageCount else {
        throw InputError(name, "a tensor reaching storage element \(last), past the \(storageCount) its storage holds")
      }
    }
    let dense = span == elementCount || elementCount == 0
    let rowMajor = dimensions == dimensions.sorted(by: >)
    let columnMajor = dimensions == dimensions.sorted(by: <)
    order = dense && rowMajor ? .c : dense && columnMajor ? .fortran : .strided
  }

  /// Copies the view's elements, in row-major order, from the storage at `source` to `target`.
  func gather(from source: UnsafeRawPointer, to target: UnsafeMutableRawPointer, elementSize: Int) {
    guard elementCount > 0 else { return }
    var index = [Int](repeating: 0, count: shape.count)
    var position = offset
    for written in 0..<elementCount {
      (target + written * elementSize).copyMemory(from: source + position * elementSize, byteCount: elementSize)
      var d = shape.count - 1
      while d >= 0 {
        index[d] += 1
        position += strides[d]
        if index[d] < shape[d] { break }
        position -= strides[d] * shape[d]
        index[d] = 0
        d -= 1
      }
    }
  }
}
