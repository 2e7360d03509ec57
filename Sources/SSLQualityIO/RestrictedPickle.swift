// ssl-quality · RestrictedPickle.swift — the part of Python's pickle format a saved tensor uses, executing nothing.

/// A value of a pickle read by ``RestrictedPickle``: the plain data a `torch.save` file's
/// `data.pkl` holds, and the two calls it makes, recorded rather than run.
indirect enum PickleValue: Sendable, Equatable {
  case none
  case bool(Bool)
  case int(Int)
  case float(Double)
  case string(String)
  case bytes([UInt8])
  case tuple([PickleValue])
  case list([PickleValue])
  /// A dictionary, its entries in insertion order (as Python 3.7+ and `OrderedDict` keep them).
  case dict([(key: PickleValue, value: PickleValue)])
  /// One of the globals ``RestrictedPickle/allowedGlobals`` lets through.
  case global(String)
  /// A persistent id (`BINPERSID`): for PyTorch, `('storage', StorageType, key, location, numel)`.
  case persistent(PickleValue)
  /// `global(arguments...)` as `REDUCE` would call it; the caller interprets it.
  case call(String, [PickleValue])

  static func == (lhs: PickleValue, rhs: PickleValue) -> Bool {
    switch (lhs, rhs) {
    case (.none, .none): true
    case (.bool(let a), .bool(let b)): a == b
    case (.int(let a), .int(let b)): a == b
    case (.float(let a), .float(let b)): a.bitPattern == b.bitPattern
    case (.string(let a), .string(let b)): a == b
    case (.bytes(let a), .bytes(let b)): a == b
    case (.tuple(let a), .tuple(let b)), (.list(let a), .list(let b)): a == b
    case (.dict(let a), .dict(let b)): a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    case (.global(let a), .global(let b)): a == b
    case (.persistent(let a), .persistent(let b)): a == b
    case (.call(let f, let a), .call(let g, let b)): f == g && a == b
    default: false
    }
  }
}

/// Reads a pickle (protocols 2 to 5, as `torch.save` writes them) without running any of it.
///
/// Python's `pickle.load` imports any module and calls any callable the stream names
/// (`GLOBAL 'posix system'` then `REDUCE` runs a shell command). This reader is a stack
/// machine over the opcodes of plain data — numbers, strings, tuples, lists, dictionaries,
/// the memo — and records the two constructions a saved tensor needs instead of performing
/// them: `REDUCE` of an allowed global becomes ``PickleValue/call(_:_:)``, `BINPERSID` becomes
/// ``PickleValue/persistent(_:)``. A global outside ``allowedGlobals``, an object built with
/// `NEWOBJ`/`BUILD`/`INST`, or any opcode not listed here is refused with its name and
/// offset. Opcodes: the `pickletools` documentation and CPython's `Lib/pickletools.py`.
///
/// Bounds: every length is checked against the bytes left before anything is allocated,
/// and the stack and memo grow by at most one entry per opcode read, so memory stays within
/// a small multiple of the pickle's size.
struct RestrictedPickle {
  /// The globals a `torch.save` file of tensors names: the tensor rebuild function, the
  /// storage types, and `OrderedDict` (an empty one is each tensor's `backward_hooks`;
  /// `state_dict()` is one).
  static let allowedGlobals: Set<String> =
    Set(["torch._utils._rebuild_tensor_v2", "collections.OrderedDict"] + TorchStorageType.allCases.map { "torch." + $0.rawValue })

  /// Why a pickle was refused.
  struct Refusal: Error, Equatable {
    var message: String
  }

  /// How deeply values may nest (a saved tensor's are 3 deep; a state dict's 4).
  static let maximumDepth = 64

  /// A value on the stack or in the memo, with how deeply it nests (scalars 0).
  private struct Entry {
    var value: PickleValue
    var depth: Int
  }

  private let bytes: [UInt8]
  private var at = 0
  private var stack: [Entry] = []
  private var marks: [Int] = []
  /// Memo entries whose value has left the stack.
  private var memo: [Int: Entry] = [:]
  /// Memo entries whose value is still on the stack, by its position there: a list or
  /// dictionary put in the memo when empty and filled later is one object in Python, so a
  /// `GET` sees it filled. An entry moves to `memo` when its value leaves the stack.
  private var memoOnStack: [Int: Int] = [:]
  private var slotsInMemo: [Int: [Int]] = [:]

  /// Reads `bytes` to its `STOP` and returns the value left on the stack.
  static func read(_ bytes: [UInt8]) throws(Refusal) -> PickleValue {
    var reader = RestrictedPickle(bytes: bytes)
    return try reader.run()
  }

  private init(bytes: [UInt8]) { self.bytes = bytes }

  private mutating func run() throws(Refusal) -> PickleValue {
    while true {
      let offset = at
      let opcode = try byte()
      switch opcode {
      case 0x80: _ = try byte()  // PROTO
      case 0x95: _ = try take(8)  // FRAME (protocol 4): a length hint
      case 0x2E:  // STOP
        guard stack.count == 1, marks.isEmpty, let entry = stack.last else { throw Refusal(message: "the pickle ends with a malformed stack") }
        return entry.value
      case 0x28: marks.append(stack.count)  // MARK
      case 0x4E: push(.none)  // NONE
      case 0x88: push(.bool(true))  // NEWTRUE
      case 0x89: push(.bool(false))  // NEWFALSE
      case 0x4B: push(.int(Int(try byte())))  // BININT1
      case 0x4D: push(.int(try unsigned(2)))  // BININT2
      case 0x4A: push(.int(Int(Int32(truncatingIfNeeded: try unsigned(4)))))  // BININT
      case 0x8A: push(.int(try long(count: Int(try byte()), offset: offset)))  // LONG1
      case 0x47: push(.float(Double(bitPattern: UInt64(bitPattern: try bigEndian(8)))))  // BINFLOAT
      case 0x58: push(.string(try utf8(count: try unsigned(4))))  // BINUNICODE
      case 0x8C: push(.string(try utf8(count: Int(try byte()))))  // SHORT_BINUNICODE
      case 0x8D: push(.string(try utf8(count: try unsigned(8))))  // BINUNICODE8
      case 0x55: push(.string(String(decoding: try take(Int(try byte())), as: UTF8.self)))  // SHORT_BINSTRING
      case 0x54: push(.string(String(decoding: try take(try unsigned(4)), as: UTF8.self)))  // BINSTRING
      case 0x43: push(.bytes(try take(Int(try byte()))))  // SHORT_BINBYTES
      case 0x42: push(.bytes(try take(try unsigned(4))))  // BINBYTES
      case 0x29: push(.tuple([]), depth: 1)  // EMPTY_TUPLE
      case 0x85, 0x86, 0x87: try pushContainer(try pop(Int(opcode - 0x84))) { .tuple($0) }  // TUPLE1, TUPLE2, TUPLE3
      case 0x74: try pushContainer(try popToMark()) { .tuple($0) }  // TUPLE
      case 0x5D: push(.list([]), depth: 1)  // EMPTY_LIST
      case 0x6C: try pushContainer(try popToMark()) { .list($0) }  // LIST
      case 0x61: try extendList(with: try pop(1))  // APPEND
      case 0x65: try extendList(with: try popToMark())  // APPENDS
      case 0x7D: push(.dict([]), depth: 1)  // EMPTY_DICT
      case 0x64: try pushContainer(try popToMark()) { (items) throws(Refusal) in .dict(try Self.pairs(items)) }  // DICT
      case 0x73: try extendDict(with: try pop(2))  // SETITEM
      case 0x75: try extendDict(with: try popToMark())  // SETITEMS
      case 0x71: try put(Int(try byte()))  // BINPUT
      case 0x72: try put(try unsigned(4))  // LONG_BINPUT
      case 0x94: try put(memo.count + memoOnStack.count)  // MEMOIZE
      case 0x68: try get(Int(try byte()), offset: offset)  // BINGET
      case 0x6A: try get(try unsigned(4), offset: offset)  // LONG_BINGET
      case 0x63:  // GLOBAL 'module name'
        let module = try line(), name = try line()
        push(try global(module + "." + name, offset: offset))
      case 0x93:  // STACK_GLOBAL
        let names = try pop(2)
        guard case .string(let module) = names[0].value, case .string(let name) = names[1].value else {
          throw Refusal(message: "STACK_GLOBAL without a module and a name at byte \(offset)")
        }
        push(try global(module + "." + name, offset: offset))
      case 0x51: try pushContainer(try pop(1)) { .persistent($0[0]) }  // BINPERSID
      case 0x52:  // REDUCE
        let popped = try pop(2)
        guard case .global(let function) = popped[0].value, case .tuple(let arguments) = popped[1].value else {
          throw Refusal(message: "REDUCE of something other than an allowed global at byte \(offset)")
        }
        push(.call(function, arguments), depth: popped[1].depth)
      default:
        throw Refusal(message: "pickle opcode 0x\(String(opcode, radix: 16)) at byte \(offset) is not one a saved tensor uses")
      }
    }
  }

  private mutating func push(_ value: PickleValue, depth: Int = 0) { stack.append(Entry(value: value, depth: depth)) }

  /// Pushes the container `make` builds of `items`, refused past ``maximumDepth``.
  private mutating func pushContainer(_ items: [Entry], _ make: ([PickleValue]) throws(Refusal) -> PickleValue) throws(Refusal) {
    let depth = 1 + (items.map(\.depth).max() ?? 0)
    guard depth <= Self.maximumDepth else { throw Refusal(message: "values nest more than \(Self.maximumDepth) deep at byte \(at - 1)") }
    push(try make(items.map(\.value)), depth: depth)
  }

  // MARK: Reading the stream

  private mutating func byte() throws(Refusal) -> UInt8 {
    guard at < bytes.count else { throw Refusal(message: "the pickle ends before its STOP opcode") }
    defer { at += 1 }
    return bytes[at]
  }

  private mutating func take(_ count: Int) throws(Refusal) -> [UInt8] {
    guard count >= 0, count <= bytes.count - at else {
      throw Refusal(message: "the pickle claims \(count) bytes at byte \(at), past its end")
    }
    defer { at += count }
    return Array(bytes[at..<(at + count)])
  }

  /// A little-endian unsigned integer of `count` bytes (at most 8), refused past `Int.max`.
  private mutating func unsigned(_ count: Int) throws(Refusal) -> Int {
    let raw = try take(count)
    var value: UInt64 = 0
    for (shift, byte) in raw.enumerated() { value |= UInt64(byte) << (8 * shift) }
    guard value <= UInt64(Int.max) else { throw Refusal(message: "a length of \(value) at byte \(at - count)") }
    return Int(value)
  }

  private mutating func bigEndian(_ count: Int) throws(Refusal) -> Int64 {
    var value: UInt64 = 0
    for byte in try take(count) { value = value << 8 | UInt64(byte) }
    return Int64(bitPattern: value)
  }

  /// `LONG1`: a two's-complement little-endian integer of `count` bytes that fits an `Int`.
  private mutating func long(count: Int, offset: Int) throws(Refusal) -> Int {
    guard count <= 8 else { throw Refusal(message: "an integer of \(count) bytes at byte \(offset)") }
    guard count > 0 else { return 0 }
    let raw = try take(count)
    var value: UInt64 = 0
    for (shift, byte) in raw.enumerated() { value |= UInt64(byte) << (8 * shift) }
    let bits = 8 * count
    if bits < 64, raw[count - 1] & 0x80 != 0 { value |= ~0 << UInt64(bits) }
    return Int(Int64(bitPattern: value))
  }

  private mutating func utf8(count: Int) throws(Refusal) -> String {
    let raw = try take(count)
    guard let text = String(validating: raw, as: UTF8.self) else { throw Refusal(message: "a string that is not UTF-8 at byte \(at - count)") }
    return text
  }

  /// A newline-terminated ASCII line (`GLOBAL`'s module and name).
  private mutating func line() throws(Refusal) -> String {
    guard let end = bytes[at...].firstIndex(of: 0x0A), end - at <= 256 else { throw Refusal(message: "GLOBAL without its line at byte \(at)") }
    defer { at = end + 1 }
    return String(decoding: bytes[at..<end], as: UTF8.self)
  }

  // MARK: The stack and the memo

  private mutating func pop(_ count: Int) throws(Refusal) -> [Entry] {
    guard stack.count - count >= (marks.last ?? 0) else { throw Refusal(message: "the pickle pops past its stack at byte \(at - 1)") }
    return truncate(to: stack.count - count)
  }

  private mutating func popToMark() throws(Refusal) -> [Entry] {
    guard let mark = marks.popLast() else { throw Refusal(message: "the pickle pops to a mark it never set at byte \(at - 1)") }
    return truncate(to: mark)
  }

  /// Removes and returns the stack's entries from position `count` on; the memo entries
  /// that name them keep their final values.
  private mutating func truncate(to count: Int) -> [Entry] {
    for slot in count..<stack.count {
      for index in slotsInMemo.removeValue(forKey: slot) ?? [] {
        memo[index] = stack[slot]
        memoOnStack[index] = nil
      }
    }
    defer { stack.removeSubrange(count...) }
    return Array(stack[count...])
  }

  private static func pairs(_ items: [PickleValue]) throws(Refusal) -> [(key: PickleValue, value: PickleValue)] {
    guard items.count.isMultiple(of: 2) else { throw Refusal(message: "a dictionary with a key but no value") }
    return stride(from: 0, to: items.count, by: 2).map { (items[$0], items[$0 + 1]) }
  }

  /// The top of the stack, which `APPEND`/`SETITEM` add to, with room for `items`' depth.
  private func container(for items: [Entry], opcode: String) throws(Refusal) -> Int {
    let slot = stack.count - 1
    guard slot >= (marks.last ?? 0) else { throw Refusal(message: "\(opcode) without a container at byte \(at - 1)") }
    guard (items.map(\.depth).max() ?? 0) < Self.maximumDepth else {
      throw Refusal(message: "values nest more than \(Self.maximumDepth) deep at byte \(at - 1)")
    }
    return slot
  }

  /// Appends `items` to the list on top of the stack, in place.
  private mutating func extendList(with items: [Entry]) throws(Refusal) {
    let slot = try container(for: items, opcode: "APPEND")
    guard case .list(var list) = stack[slot].value else { throw Refusal(message: "APPEND to something other than a list at byte \(at - 1)") }
    stack[slot].value = .none  // `list` is now the only reference, so appending does not copy it
    list.append(contentsOf: items.map(\.value))
    stack[slot].value = .list(list)
    stack[slot].depth = max(stack[slot].depth, 1 + (items.map(\.depth).max() ?? 0))
  }

  /// Adds `items` (keys and values in turn) to the dictionary on top of the stack, in place;
  /// `OrderedDict()` (recorded as a call) becomes one.
  private mutating func extendDict(with items: [Entry]) throws(Refusal) {
    let slot = try container(for: items, opcode: "SETITEM")
    var entries: [(key: PickleValue, value: PickleValue)]
    switch stack[slot].value {
    case .dict(let existing): entries = existing
    case .call("collections.OrderedDict", []): entries = []
    default: throw Refusal(message: "SETITEM on something other than a dictionary at byte \(at - 1)")
    }
    stack[slot].value = .none
    entries.append(contentsOf: try Self.pairs(items.map(\.value)))
    stack[slot].value = .dict(entries)
    stack[slot].depth = max(stack[slot].depth, 1 + (items.map(\.depth).max() ?? 0))
  }

  private mutating func put(_ index: Int) throws(Refusal) {
    let slot = stack.count - 1
    guard slot >= (marks.last ?? 0) else { throw Refusal(message: "PUT with an empty stack at byte \(at - 1)") }
    if let earlier = memoOnStack[index] { slotsInMemo[earlier]?.removeAll { $0 == index } }
    memo[index] = nil
    memoOnStack[index] = slot
    slotsInMemo[slot, default: []].append(index)
  }

  private mutating func get(_ index: Int, offset: Int) throws(Refusal) {
    if let slot = memoOnStack[index] {
      stack.append(stack[slot])
    } else if let entry = memo[index] {
      stack.append(entry)
    } else {
      throw Refusal(message: "GET of memo entry \(index), never put, at byte \(offset)")
    }
  }

  private func global(_ name: String, offset: Int) throws(Refusal) -> PickleValue {
    guard Self.allowedGlobals.contains(name) else {
      throw Refusal(message: "the pickle names the global '\(name)', which a saved tensor does not need; nothing was run")
    }
    return .global(name)
  }
}
