// ssl-quality · NamedCodingKey.swift — a coding key made from a name at run time.

/// A coding key that is just its name: for keys known only at run time (the `--log` lines'
/// fields, the position-prefixed keys ``ResultJSON`` sorts by).
struct NamedCodingKey: CodingKey {
  var stringValue: String
  var intValue: Int? { nil }
  init(_ name: String) { stringValue = name }
  init?(stringValue: String) { self.stringValue = stringValue }
  init?(intValue: Int) { nil }
}
