// ssl-quality · NullWhenAbsent.swift — result fields written as `null`: absent optionals and undefined numbers.

/// An optional written as JSON `null` when absent (rather than leaving the key out), so
/// every documented key of a result is always present; a missing key reads back as `nil`.
@propertyWrapper
public struct NullWhenAbsent<Value: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
  public var wrappedValue: Value?

  public init(wrappedValue: Value?) { self.wrappedValue = wrappedValue }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    wrappedValue = container.decodeNil() ? nil : try container.decode(Value.self)
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    if let wrappedValue { try container.encode(wrappedValue) } else { try container.encodeNil() }
  }
}

extension KeyedDecodingContainer {
  /// A missing key reads as `nil` (the key is written as `null`, but may be left out).
  public func decode<Value>(_ type: NullWhenAbsent<Value>.Type, forKey key: Key) throws -> NullWhenAbsent<Value> {
    try decodeIfPresent(type, forKey: key) ?? NullWhenAbsent(wrappedValue: nil)
  }
}

/// A number written as JSON `null` when it is NaN or ±∞ (undefined: an AUROC with one
/// class present, a mean over nothing) and read back from `null` as NaN, so such results
/// decode too. Two NaNs compare equal.
@propertyWrapper
public struct FiniteOrNull: Codable, Sendable, Equatable {
  public var wrappedValue: Double

  public init(wrappedValue: Double) { self.wrappedValue = wrappedValue }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    wrappedValue = container.decodeNil() ? .nan : try container.decode(Double.self)
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    if wrappedValue.isFinite { try container.encode(wrappedValue) } else { try container.encodeNil() }
  }

  public static func == (lhs: FiniteOrNull, rhs: FiniteOrNull) -> Bool {
    lhs.wrappedValue == rhs.wrappedValue || (lhs.wrappedValue.isNaN && rhs.wrappedValue.isNaN)
  }
}
