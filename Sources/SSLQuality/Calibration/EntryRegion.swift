// ssl-quality · EntryRegion.swift — large regions that a calibration's kept entries are copied into.

/// `count` elements written once into a region that several row blocks share (see
/// ``EntryRegion``), read as a collection afterwards.
///
/// Invariant (why `@unchecked Sendable` holds): the elements are written before the run is
/// made and never after; the run keeps its region alive.
public struct EntryRun<Element: BitwiseCopyable & Equatable & Codable>: RandomAccessCollection, @unchecked Sendable {
  private let owner: MatrixBuffer?
  private let start: UnsafePointer<Element>?
  public let count: Int

  /// No elements.
  init() {
    owner = nil
    start = nil
    count = 0
  }

  init(owner: MatrixBuffer, start: UnsafePointer<Element>, count: Int) {
    self.owner = owner
    self.start = start
    self.count = count
  }

  public var startIndex: Int { 0 }
  public var endIndex: Int { count }

  public subscript(position: Int) -> Element {
    precondition(position >= 0 && position < count, "entry out of range")
    return withUnsafeBufferPointer { $0[position] }
  }

  /// Calls `body` with the elements.
  package func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
    try withExtendedLifetime(owner) { try body(UnsafeBufferPointer(start: start, count: count)) }
  }
}

extension EntryRun: Equatable {
  public static func == (lhs: EntryRun, rhs: EntryRun) -> Bool { lhs.elementsEqual(rhs) }
}

extension EntryRun: Codable {
  /// Written as a plain array.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(Array(self))
  }

  /// Read into a region of its own.
  public init(from decoder: any Decoder) throws {
    let elements = try decoder.singleValueContainer().decode([Element].self)
    var region = EntryRegion()
    self = elements.withUnsafeBufferPointer { region.store($0) }
  }
}

/// Where a partial state's row blocks keep their entries: the free end of its newest
/// region, a ``MatrixBuffer``. A region of 4 MB or more is an anonymous mapping backed by
/// transparent huge pages where the kernel allows, so a calibration's entries (110 MB on a
/// 100 000 × 2048 ReLU matrix at ε = 1) are faulted in 2 MB at a time rather than 4 kB,
/// which is most of what keeping them costs. Every region is at least that large (untouched
/// pages cost nothing) and they grow with what was stored, to 16 MB.
///
/// A copy that stores takes a region of its own, so copies never write over each other's runs.
struct EntryRegion: Sendable {
  /// The newest region and its free end.
  ///
  /// Invariant (why `@unchecked Sendable` holds): only changed through an ``EntryRegion``
  /// that holds it alone.
  private final class Cursor: @unchecked Sendable {
    var buffer: MatrixBuffer?
    var used = 0, stored = 0
  }

  private var cursor = Cursor()

  /// The largest region made for blocks that fit in less.
  static let largestRegion = 16 << 20

  /// Copies `elements` to the free end (a new region when they do not fit) and returns them as a run.
  mutating func store<Element>(_ elements: UnsafeBufferPointer<Element>) -> EntryRun<Element> {
    guard let source = elements.baseAddress, !elements.isEmpty else { return EntryRun() }
    if !isKnownUniquelyReferenced(&cursor) {
      let shared = cursor
      cursor = Cursor()
      cursor.stored = shared.stored
    }
    let alignment = MemoryLayout<Element>.alignment, bytes = elements.count * MemoryLayout<Element>.stride
    var offset = (cursor.used + alignment - 1) / alignment * alignment
    let region: MatrixBuffer
    if let current = cursor.buffer, offset + bytes <= current.byteCount {
      region = current
    } else {
      region = MatrixBuffer(zeroedByteCount: max(bytes, min(Self.largestRegion, max(MatrixBuffer.mappedThreshold, 2 * cursor.stored))))
      cursor.buffer = region
      offset = 0
    }
    cursor.used = offset + bytes
    cursor.stored += bytes
    return region.withBaseAddress { base in
      let target = (base + offset).bindMemory(to: Element.self, capacity: elements.count)
      target.initialize(from: source, count: elements.count)
      return EntryRun(owner: region, start: UnsafePointer(target), count: elements.count)
    }
  }
}
