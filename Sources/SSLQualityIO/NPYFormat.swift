// ssl-quality · NPYFormat.swift — the .npy header (format versions 1.0, 2.0 and 3.0).

import SSLQuality

/// The `.npy` format: magic `\x93NUMPY`, version, header length, a Python dictionary
/// literal with `descr`, `fortran_order` and `shape`, padding, then the raw data.
enum NPYFormat {
  static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]

  /// Largest header accepted: 1 MiB (numpy itself refuses more than 10 000 bytes by default),
  /// so a length field cannot make a reader hold gigabytes before the data starts.
  static let maximumHeaderLength = 1 << 20

  /// Parses the header at the start of `bytes` (indexed from 0) and checks the data length
  /// against it.
  ///
  /// - Returns: the layout and the offset of the data.
  static func parse<Bytes: RandomAccessCollection<UInt8>>(
    _ bytes: Bytes
  ) throws(FormatProblem) -> (layout: ArrayLayout, dataOffset: Int) where Bytes.Index == Int {
    guard let (layout, dataOffset) = try header(bytes, totalLength: bytes.count) else {
      throw FormatProblem("file is too short to be a .npy file (\(bytes.count) bytes)")
    }
    return (layout, dataOffset)
  }

  /// Parses the header from `prefix` (indexed from 0), the first bytes of a `.npy` stream
  /// of `totalLength` bytes, and checks `totalLength` against the shape: used on the
  /// inflating stream of an archive member, so a wrong shape or type is refused before the
  /// rest is extracted.
  ///
  /// - Returns: `nil` when `prefix` is too short to hold the whole header yet.
  static func header<Bytes: RandomAccessCollection<UInt8>>(
    _ prefix: Bytes, totalLength: Int
  ) throws(FormatProblem) -> (layout: ArrayLayout, dataOffset: Int)? where Bytes.Index == Int {
    precondition(prefix.startIndex == 0, "bytes indexed from 0")
    guard totalLength >= 10 else { throw FormatProblem("file is too short to be a .npy file (\(totalLength) bytes)") }
    guard prefix.count >= 8 else { return nil }
    guard Array(prefix[0..<6]) == magic else { throw FormatProblem("not a .npy file (bad magic)") }
    let major = prefix[6], minor = prefix[7]
    let prefixLength: Int
    switch (major, minor) {
    case (1, 0): prefixLength = 10
    case (2, 0), (3, 0): prefixLength = 12
    default:
      throw FormatProblem("unsupported .npy format version \(major).\(minor) (1.0, 2.0 and 3.0 are supported)")
    }
    guard totalLength >= prefixLength else { throw FormatProblem("file is too short to be a .npy file (\(totalLength) bytes)") }
    guard prefix.count >= prefixLength else { return nil }
    let headerLength = (0..<(prefixLength - 8)).reduce(0) { $0 | Int(prefix[8 + $1]) << (8 * $1) }
    let dataOffset = prefixLength + headerLength
    guard dataOffset <= totalLength else {
      throw FormatProblem("header length \(headerLength) runs past the end of the file (\(totalLength) bytes)")
    }
    guard headerLength <= maximumHeaderLength else {
      throw FormatProblem("header length \(headerLength) is larger than the \(maximumHeaderLength)-byte limit")
    }
    guard prefix.count >= dataOffset else { return nil }
    let headerBytes = prefix[prefixLength..<dataOffset]
    let header: String
    if major == 3 {
      guard let text = String(validating: headerBytes, as: UTF8.self) else {
        throw FormatProblem("header is not valid UTF-8")
      }
      header = text
    } else {
      header = String(decoding: headerBytes.map { UInt16($0) }, as: UTF16.self)  // latin-1
    }
    let layout = try parseHeader(header)
    let expected = layout.dataByteCount
    let actual = totalLength - dataOffset
    if actual < expected {
      throw FormatProblem(
        "data is shorter than the shape implies: \(layout.summary) needs \(expected) bytes, found \(actual)")
    }
    if actual > expected {
      throw FormatProblem("\(actual - expected) trailing bytes after the data of \(layout.summary)")
    }
    return (layout, dataOffset)
  }

  /// Interprets the header dictionary.
  static func parseHeader(_ header: String) throws(FormatProblem) -> ArrayLayout {
    guard case .dictionary(let entries) = try PythonLiteral.parse(header) else {
      throw FormatProblem("header is not a Python dictionary literal")
    }
    var fields: [String: PythonLiteral] = [:]
    for (key, value) in entries { fields[key] = value }
    for key in ["descr", "fortran_order", "shape"] where fields[key] == nil {
      throw FormatProblem("header lacks the '\(key)' key")
    }
    if let extra = fields.keys.sorted().first(where: { !["descr", "fortran_order", "shape"].contains($0) }) {
      throw FormatProblem("header has an unexpected key '\(extra)'")
    }
    guard case .boolean(let fortranOrder) = fields["fortran_order"] else {
      throw FormatProblem("header 'fortran_order' is not True or False")
    }
    guard case .tuple(let extents) = fields["shape"] else { throw FormatProblem("header 'shape' is not a tuple") }
    var shape: [Int] = []
    for extent in extents {
      guard case .integer(let value) = extent else { throw FormatProblem("shape has a non-integer entry") }
      shape.append(value)
    }
    let (type, bigEndian) = try parseDescription(fields["descr"])
    return try ArrayLayout(checking: type, bigEndian: bigEndian, shape: shape, fortranOrder: fortranOrder)
  }

  /// Maps numpy's `descr` to an element type, rejecting what ssl-quality cannot use.
  static func parseDescription(_ value: PythonLiteral?) throws(FormatProblem) -> (ElementType, Bool) {
    guard case .string(let descr) = value else {
      throw FormatProblem("structured dtype is not supported (expected a plain numeric dtype)")
    }
    var code = Substring(descr)
    var bigEndian = false
    if let first = code.first, "<>|=".contains(first) {
      bigEndian = first == ">"
      code = code.dropFirst()
    }
    if let type = ElementType(numpyCode: String(code)) { return (type, bigEndian) }
    if code == "?" { return (.bool, false) }
    let kind: String
    switch code.first {
    case "O": kind = "object dtype '\(descr)' (pickled Python objects) is not supported"
    case "c": kind = "complex dtype '\(descr)' is not supported"
    case "U", "S", "a": kind = "string dtype '\(descr)' is not supported"
    case "V": kind = "structured or void dtype '\(descr)' is not supported"
    case "M", "m": kind = "datetime dtype '\(descr)' is not supported"
    default: kind = "unsupported dtype '\(descr)'"
    }
    throw FormatProblem(kind + " (expected f2, f4, f8, i1…i8, u1…u8 or b1)")
  }

  /// The header bytes `np.save` writes for `layout` (version 1.0 unless it needs 2.0),
  /// padded with spaces and a newline so the data starts at a multiple of 64 bytes.
  static func header(for layout: ArrayLayout) -> [UInt8] {
    let shape = layout.shapeDescription == "()" ? "()" : layout.shapeDescription
    let dictionary =
      "{'descr': '\(layout.dtype)', 'fortran_order': \(layout.fortranOrder ? "True" : "False"), 'shape': \(shape), }"
    let body = Array(dictionary.utf8)
    var version: UInt8 = 1
    var prefix = 10
    var total = (prefix + body.count + 1 + 63) / 64 * 64
    if total - prefix > Int(UInt16.max) {
      version = 2
      prefix = 12
      total = (prefix + body.count + 1 + 63) / 64 * 64
    }
    let headerLength = total - prefix
    var bytes = magic + [version, 0]
    for k in 0..<(version == 1 ? 2 : 4) { bytes.append(UInt8(truncatingIfNeeded: headerLength >> (8 * k))) }
    bytes += body
    bytes += [UInt8](repeating: 0x20, count: total - bytes.count - 1)
    bytes.append(0x0A)
    return bytes
  }
}
