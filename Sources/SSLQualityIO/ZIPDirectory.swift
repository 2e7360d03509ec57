// ssl-quality · ZIPDirectory.swift — what the ZIP library hides: which members are encrypted.

/// A read of a ZIP archive's central directory for the one fact the ZIP library does not
/// expose: members whose general-purpose flag bit 0 (encryption) is set, which it skips as
/// if they did not exist. Layout (APPNOTE 4.3.12, 4.3.16, 4.3.14–15): the end-of-central-
/// directory record (signature `PK\5\6`) in the last 65 557 bytes gives the directory's
/// offset (or `0xFFFFFFFF`, then the ZIP64 locator `PK\6\7` 20 bytes before it points to the
/// ZIP64 record `PK\6\6`, whose offset field is at +48); each directory entry (`PK\1\2`) has
/// the flags at +8, name, extra and comment lengths at +28, +30, +32 and the name at +46.
enum ZIPDirectory {
  /// Names of the encrypted members of the archive at `path` (empty when there are none or
  /// the directory cannot be read; the ZIP library reports that case).
  static func encryptedMembers(_ path: String) -> [String] {
    guard let region = try? MappedFile.map(path) else { return [] }
    return region.buffer.withBytes { encryptedMembers(in: $0) }
  }

  /// The same, from the archive's bytes (indexed from 0).
  static func encryptedMembers<Bytes: RandomAccessCollection<UInt8>>(in bytes: Bytes) -> [String] where Bytes.Index == Int {
    precondition(bytes.startIndex == 0, "bytes indexed from 0")
    func u16(_ at: Int) -> Int? { at >= 0 && at + 2 <= bytes.count ? Int(bytes[at]) | Int(bytes[at + 1]) << 8 : nil }
    func u32(_ at: Int) -> Int? { (u16(at)).flatMap { low in u16(at + 2).map { low | $0 << 16 } } }
    func u64(_ at: Int) -> Int? { (u32(at)).flatMap { low in u32(at + 4).map { low | $0 << 32 } } }
    let floor = max(0, bytes.count - 65_557)
    var end = bytes.count - 22
    while end >= floor, u32(end) != 0x0605_4B50 { end -= 1 }
    guard end >= floor, var directory = u32(end + 16) else { return [] }
    if directory == 0xFFFF_FFFF, u32(end - 20) == 0x0706_4B50, let record = u64(end - 12), record < bytes.count - 56,
      u32(record) == 0x0606_4B50, let offset = u64(record + 48)
    {
      directory = offset
    }
    var names: [String] = []
    var at = directory
    while at >= 0, u32(at) == 0x0201_4B50, let flags = u16(at + 8), let nameLength = u16(at + 28),
      let extra = u16(at + 30), let comment = u16(at + 32), at + 46 + nameLength <= bytes.count
    {
      if flags & 1 != 0 {
        names.append(String(decoding: bytes[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self))
      }
      at += 46 + nameLength + extra + comment
    }
    return names
  }
}
