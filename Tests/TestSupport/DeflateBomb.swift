// ssl-quality · DeflateBomb.swift — a 4 MB .npz whose one member inflates to almost 4 GiB, built on the fly.

import Foundation

/// `.npz` archives whose member is a 1-D float32 array of zeros inflating to almost 4 GiB
/// from about 4 MB, written by the tests (never committed).
///
/// The member's deflate stream is a stored block holding the 128-byte `.npy` header, then
/// 4095 copies of `fixtures/hostile/zeros_1mib.deflate` (1 MiB of zeros deflated by zlib at
/// level 9 and ended by a full flush: non-final blocks that refer to nothing before them,
/// so copies can follow one another), then an empty final block (`03 00`). The archive is
/// a plain ZIP (the sizes fit 32 bits) with the member's true CRC-32, computed once with
/// Python's `zlib.crc32` over the header and 4095 MiB of zeros.
public enum DeflateBomb {
  /// Mebibytes of zeros after the header.
  public static let mebibytes = 4095
  /// Elements of the 1-D array: `4095 MiB / 4`.
  public static let elements = mebibytes << 18
  /// Bytes the member inflates to: header + data = 4 293 918 848.
  public static let inflatedSize = 128 + mebibytes << 20
  static let crc32: UInt32 = 0x6F60_F157

  /// The 128-byte `.npy` (version 1.0) header of `<f4` shape `(elements,)`.
  static var header: [UInt8] {
    let dictionary = "{'descr': '<f4', 'fortran_order': False, 'shape': (\(elements),), }"
    let padded = dictionary + String(repeating: " ", count: 128 - 10 - dictionary.utf8.count - 1) + "\n"
    return [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(118), 0] + Array(padded.utf8)
  }

  /// Writes the archive (member `x.npy`) to `path`; `claimedSize` replaces the member's
  /// uncompressed size in both ZIP headers (a lying archive), `segments` the number of
  /// deflated mebibytes actually present.
  public static func write(to path: String, claimedSize: UInt32? = nil, segments: Int = mebibytes) throws {
    let segment = try Fixtures.data("hostile/zeros_1mib.deflate")
    var stream = Data([0x00, 128, 0, 0x7F, 0xFF]) + header  // stored block, LEN 128, NLEN
    for _ in 0..<segments { stream += segment }
    stream += Data([0x03, 0x00])
    let name = Array("x.npy".utf8)
    let size = claimedSize ?? UInt32(inflatedSize)
    func le16(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF)] }
    func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(value >> (8 * $0) & 0xFF) } }
    let common = le16(20) + le16(0) + le16(8) + le16(0) + le16(33) + le32(crc32) + le32(UInt32(stream.count)) + le32(size)
      + le16(name.count) + le16(0)
    let local = le32(0x0403_4B50) + common + name
    let central = le32(0x0201_4B50) + le16(20) + common + le16(0) + le16(0) + le16(0) + le32(0) + le32(0) + name
    let offset = UInt32(local.count + stream.count)
    let end = le32(0x0605_4B50) + le16(0) + le16(0) + le16(1) + le16(1) + le32(UInt32(central.count)) + le32(offset) + le16(0)
    try (Data(local) + stream + Data(central) + Data(end)).write(to: URL(fileURLWithPath: path))
  }
}
