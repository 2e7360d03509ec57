// ssl-quality · ElementType.swift — element types of stored arrays and their conversion.

/// The element type of a stored array.
public enum ElementType: String, Sendable, CaseIterable {
  case float16, bfloat16, float32, float64
  case int8, int16, int32, int64, uint8, uint16, uint32, uint64, bool

  /// Bytes per element.
  public var size: Int {
    switch self {
    case .int8, .uint8, .bool: 1
    case .float16, .bfloat16, .int16, .uint16: 2
    case .float32, .int32, .uint32: 4
    case .float64, .int64, .uint64: 8
    }
  }

  /// Whether values are floating point (bool and integers are not).
  public var isFloatingPoint: Bool {
    switch self {
    case .float16, .bfloat16, .float32, .float64: true
    default: false
    }
  }

  /// numpy's kind and size code without byte order, e.g. `f4`, `u1`, `b1`.
  var numpyCode: String? {
    switch self {
    case .float16: "f2"
    case .float32: "f4"
    case .float64: "f8"
    case .int8: "i1"
    case .int16: "i2"
    case .int32: "i4"
    case .int64: "i8"
    case .uint8: "u1"
    case .uint16: "u2"
    case .uint32: "u4"
    case .uint64: "u8"
    case .bool: "b1"
    case .bfloat16: nil
    }
  }

  /// The type with numpy code `code` (`f4`, `i8`…), if supported.
  init?(numpyCode code: String) {
    guard let type = ElementType.allCases.first(where: { $0.numpyCode == code }) else { return nil }
    self = type
  }

  /// numpy-style description with byte order: `<f4`, `>i8`, `|u1`; `bfloat16` has none.
  public func numpyDescription(bigEndian: Bool) -> String {
    guard let code = numpyCode else { return rawValue }
    return (size == 1 ? "|" : bigEndian ? ">" : "<") + code
  }
}

/// Converts stored elements to `Float` or `Int`, swapping bytes when the stored order
/// differs from the machine's (little-endian).
struct ElementConverter {
  let type: ElementType
  let bigEndian: Bool

  /// Converts `count` consecutive elements at `source` into `target[0], target[stride], …`.
  func floats(
    from source: UnsafeRawPointer, count: Int, into target: UnsafeMutablePointer<Float>, stride: Int = 1
  ) {
    switch type {
    case .float32:
      if !bigEndian && stride == 1 {
        UnsafeMutableRawPointer(target).copyMemory(from: source, byteCount: count * 4)
        return
      }
      convert(source, count, target, stride) { Float(bitPattern: $0 as UInt32) }
    case .float64: convert(source, count, target, stride) { Float(Double(bitPattern: $0 as UInt64)) }
    case .float16: convert(source, count, target, stride) { Float(Float16(bitPattern: $0 as UInt16)) }
    case .bfloat16: convert(source, count, target, stride) { Float(bitPattern: UInt32($0 as UInt16) << 16) }
    case .int8: convert(source, count, target, stride) { Float(Int8(bitPattern: $0 as UInt8)) }
    case .int16: convert(source, count, target, stride) { Float(Int16(bitPattern: $0 as UInt16)) }
    case .int32: convert(source, count, target, stride) { Float(Int32(bitPattern: $0 as UInt32)) }
    case .int64: convert(source, count, target, stride) { Float(Int64(bitPattern: $0 as UInt64)) }
    case .uint8: convert(source, count, target, stride) { Float($0 as UInt8) }
    case .uint16: convert(source, count, target, stride) { Float($0 as UInt16) }
    case .uint32: convert(source, count, target, stride) { Float($0 as UInt32) }
    case .uint64: convert(source, count, target, stride) { Float($0 as UInt64) }
    case .bool: convert(source, count, target, stride) { ($0 as UInt8) == 0 ? 0 : 1 }
    }
  }

  /// The element at `index` as a `Double` (exact for every type but 64-bit integers beyond 2⁵³).
  func double(at index: Int, in source: UnsafeRawPointer) -> Double {
    let p = source + index * type.size
    switch type {
    case .float32: return Double(Float(bitPattern: load(p) as UInt32))
    case .float64: return Double(bitPattern: load(p) as UInt64)
    case .float16: return Double(Float16(bitPattern: load(p) as UInt16))
    case .bfloat16: return Double(Float(bitPattern: UInt32(load(p) as UInt16) << 16))
    case .int8: return Double(Int8(bitPattern: load(p) as UInt8))
    case .int16: return Double(Int16(bitPattern: load(p) as UInt16))
    case .int32: return Double(Int32(bitPattern: load(p) as UInt32))
    case .int64: return Double(Int64(bitPattern: load(p) as UInt64))
    case .uint8: return Double(load(p) as UInt8)
    case .uint16: return Double(load(p) as UInt16)
    case .uint32: return Double(load(p) as UInt32)
    case .uint64: return Double(load(p) as UInt64)
    case .bool: return (load(p) as UInt8) == 0 ? 0 : 1
    }
  }

  /// The element at `index` written exactly: integers in full (`18446744073709551615`, not
  /// `1.8446744073709552e+19`), floating point as the shortest text that reads back the same.
  func exactDescription(at index: Int, in source: UnsafeRawPointer) -> String {
    let p = source + index * type.size
    switch type {
    case .int64: return String(Int64(bitPattern: load(p) as UInt64))
    case .uint64: return String(load(p) as UInt64)
    case .float32: return String(Float(bitPattern: load(p) as UInt32))
    default:
      let value = double(at: index, in: source)
      return type.isFloatingPoint ? String(value) : String(Int64(value))
    }
  }

  /// The integer element at `index`, or `nil` when it does not fit an `Int`.
  func integer(at index: Int, in source: UnsafeRawPointer) -> Int? {
    let p = source + index * type.size
    switch type {
    case .int64: return Int(Int64(bitPattern: load(p) as UInt64))
    case .uint64: return Int(exactly: load(p) as UInt64)
    default:  // narrower integers and bool are exact as a Double
      let value = double(at: index, in: source)
      return value.isFinite && value.rounded() == value ? Int(exactly: value) : nil
    }
  }

  private func load<T: FixedWidthInteger>(_ pointer: UnsafeRawPointer) -> T {
    let raw = pointer.loadUnaligned(as: T.self)
    return bigEndian ? T(bigEndian: raw) : T(littleEndian: raw)
  }

  @inline(__always)
  private func convert<T: FixedWidthInteger>(
    _ source: UnsafeRawPointer, _ count: Int, _ target: UnsafeMutablePointer<Float>, _ stride: Int,
    _ transform: (T) -> Float
  ) {
    let size = MemoryLayout<T>.size
    if bigEndian {
      for k in 0..<count {
        target[k * stride] = transform(T(bigEndian: source.loadUnaligned(fromByteOffset: k * size, as: T.self)))
      }
    } else {
      for k in 0..<count {
        target[k * stride] = transform(source.loadUnaligned(fromByteOffset: k * size, as: T.self))
      }
    }
  }
}
