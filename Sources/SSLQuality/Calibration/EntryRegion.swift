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

/// `Codable` as (part of) a row pass's partial state, to be written out and merged across shards.
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
/// Entries are written in place: ``reserve(_:count:)`` hands out room at the free end
/// (``extend(_:count:keeping:)`` more of it, when a block finds more entries than
/// expected), the caller writes what it finds there, and ``commit(_:count:)`` keeps the
/// part written as a run (so a block's entries are not copied from scratch into the region).
///
/// A copy that reserves takes a region of its own, so copies never write over each other's runs.
struct EntryRegion: Sendable {
  /// The newest region, its free end and the reservation being written.
  ///
  /// Invariant (why `@unchecked Sendable` holds): only changed through an ``EntryRegion``
  /// that holds it alone.
  private final class Cursor: @unchecked Sendable {
    var buffer: MatrixBuffer?
    var used = 0, stored = 0, reserved = 0
  }

  private var cursor = Cursor()

  /// The largest region made for blocks that fit in less.
  static let largestRegion = 16 << 20

  /// Room for `count` elements at the free end (in a new region when they do not fit),
  /// valid until the next call. The memory is zeroed or holds earlier writes past the
  /// last commit.
  mutating func reserve<Element>(_ type: Element.Type, count: Int) -> UnsafeMutablePointer<Element> {
    extend(type, count: count, keeping: 0)
  }

  /// The last reservation made room for `count` elements, its first `keeping` elements
  /// kept: in place when the region has room, else moved to a new region. Valid until the
  /// next call.
  mutating func extend<Element>(_ type: Element.Type, count: Int, keeping: Int) -> UnsafeMutablePointer<Element> {
    precondition(keeping <= count && keeping * MemoryLayout<Element>.stride <= cursor.reserved, "kept past the reservation")
    if !isKnownUniquelyReferenced(&cursor) {
      precondition(keeping == 0, "a copy extends a reservation")
      let shared = cursor
      cursor = Cursor()
      cursor.stored = shared.stored
    }
    let alignment = MemoryLayout<Element>.alignment, bytes = max(1, count) * MemoryLayout<Element>.stride
    let offset = keeping > 0 ? cursor.used : (cursor.used + alignment - 1) / alignment * alignment
    if let current = cursor.buffer, offset + bytes <= current.byteCount {
      cursor.used = offset
      cursor.reserved = bytes
      return current.withBaseAddress { ($0 + offset).bindMemory(to: Element.self, capacity: max(1, count)) }
    }
    let region = MatrixBuffer(zeroedByteCount: max(bytes, min(Self.largestRegion, max(MatrixBuffer.mappedThreshold, 2 * cursor.stored))))
    let target = region.withBaseAddress { $0.bindMemory(to: Element.self, capacity: max(1, count)) }
    if keeping > 0, let current = cursor.buffer {
      current.withBaseAddress { base in
        target.initialize(from: (base + cursor.used).assumingMemoryBound(to: Element.self), count: keeping)
      }
    }
    cursor.buffer = region
    cursor.used = 0
    cursor.reserved = bytes
    return target
  }

  /// The first `count` elements written at the last reservation, as a run; the rest of
  /// the reservation is free again.
  ///
  /// - Precondition: `count` elements fit in the last reservation, and they were written.
  mutating func commit<Element>(_ type: Element.Type, count: Int) -> EntryRun<Element> {
    let bytes = count * MemoryLayout<Element>.stride
    precondition(bytes <= cursor.reserved, "commit past the reservation")
    cursor.reserved = 0
    guard count > 0, let region = cursor.buffer else { return EntryRun() }
    let offset = cursor.used
    cursor.used += bytes
    cursor.stored += bytes
    return region.withBaseAddress { base in
      EntryRun(owner: region, start: UnsafePointer((base + offset).assumingMemoryBound(to: Element.self)), count: count)
    }
  }

  /// Copies `elements` to the free end and returns them as a run.
  mutating func store<Element>(_ elements: UnsafeBufferPointer<Element>) -> EntryRun<Element> {
    guard let source = elements.baseAddress, !elements.isEmpty else { return EntryRun() }
    reserve(Element.self, count: elements.count).initialize(from: source, count: elements.count)
    return commit(Element.self, count: elements.count)
  }
}

/// `Codable` as `null`: a region is where future entries go, not part of a partial state's
/// value, so a decoded partial state starts a fresh one.
extension EntryRegion: Codable {
  init(from decoder: any Decoder) throws { self.init() }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encodeNil()
  }
}
