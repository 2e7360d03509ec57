// ssl-quality · RowSource.swift — matrices that are read a block of rows at a time.

/// A matrix that can be read a block of rows at a time, in row-major `Float`.
///
/// In-memory matrices hand out their own storage; file-backed sources convert or gather
/// into a caller-provided ``RowScratch`` and may release pages once a block is done, so a
/// pass over a file larger than memory keeps a bounded footprint.
public protocol RowSource: Sendable {
  /// Number of rows.
  var rows: Int { get }
  /// Number of columns.
  var columns: Int { get }
  /// Calls `body` with rows `range` as a `range.count × columns` view, valid only during
  /// the call.
  func withRows<R>(_ range: Range<Int>, scratch: RowScratch, _ body: (MatrixView) throws -> R) rethrows -> R
}

/// A reusable, growable float buffer owned by one worker thread.
public final class RowScratch {
  private var storage: UnsafeMutableBufferPointer<Float>
  private var raw: UnsafeMutableRawBufferPointer

  /// An empty scratch buffer; it grows on first use.
  public init() {
    storage = UnsafeMutableBufferPointer(start: nil, count: 0)
    raw = UnsafeMutableRawBufferPointer(start: nil, count: 0)
  }

  deinit {
    storage.deallocate()
    raw.deallocate()
  }

  /// A second buffer of at least `count` bytes (for data before conversion), valid until
  /// the next call. Contents are undefined.
  package func bytes(count: Int) -> UnsafeMutableRawPointer {
    if raw.count < count {
      raw.deallocate()
      raw = .allocate(byteCount: count, alignment: 64)
    }
    return raw.baseAddress!
  }

  /// A buffer of at least `count` floats, valid until the next call. Contents are undefined.
  package func floats(count: Int) -> UnsafeMutableBufferPointer<Float> {
    if storage.count < count {
      storage.deallocate()
      storage = UnsafeMutableBufferPointer<Float>.allocate(capacity: count)
    }
    return UnsafeMutableBufferPointer(rebasing: storage[0..<count])
  }
}

extension Matrix: RowSource {
  public func withRows<R>(_ range: Range<Int>, scratch: RowScratch, _ body: (MatrixView) throws -> R) rethrows -> R {
    try withView { try body($0.rowRange(range)) }
  }
}
