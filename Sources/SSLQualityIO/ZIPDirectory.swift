// ssl-quality · ZIPDirectory.swift — what the ZIP library hides: encrypted members, stored members' offsets, damage it traps on.

/// A read of a ZIP archive's central directory for what the ZIP library does not expose:
/// members whose general-purpose flag bit 0 (encryption) is set, which it skips as if they
/// did not exist, and where a stored member's bytes begin, so they can be mapped in place.
/// Layout (APPNOTE 4.3.7, 4.3.12, 4.3.14–16, 4.5.3): the end-of-central-directory record
/// (signature `PK\5\6`) in the last 65 557 bytes gives the directory's offset (or, when the
/// ZIP64 locator `PK\6\7` stands 20 bytes before it and the ZIP64 record `PK\6\6` 56 bytes
/// before that, the record's offset field at +48); each directory entry (`PK\1\2`) has the
/// flags at +8, the method at +10, the sizes at +20 and +24, name, extra and comment lengths
/// at +28, +30, +32, the local header's offset at +42 and the name at +46; a size or offset
/// of `0xFFFFFFFF` is in the ZIP64 extra field (id 1), in that order. A local header
/// (`PK\3\4`) has its name and extra lengths at +26 and +28; the data follows them.
enum ZIPDirectory {
  /// A member as the central directory lists it.
  struct Member: Equatable {
    var name: String
    var encrypted: Bool
    /// 0 stored, 8 deflated.
    var method: Int
    var compressedSize: Int, uncompressedSize: Int
    var localHeaderOffset: Int
  }

  /// Names of the encrypted members of the archive at `path` (empty when there are none or
  /// the directory cannot be read; the ZIP library reports that case).
  static func encryptedMembers(_ path: String) -> [String] {
    guard let region = try? MappedFile.map(path) else { return [] }
    return region.buffer.withBytes { encryptedMembers(in: $0) }
  }

  /// The same, from the archive's bytes (indexed from 0).
  static func encryptedMembers<Bytes: RandomAccessCollection<UInt8>>(in bytes: Bytes) -> [String] where Bytes.Index == Int {
    members(in: bytes).filter(\.encrypted).map(\.name)
  }

  /// The members the central directory lists, in its order (as far as it can be read).
  static func members<Bytes: RandomAccessCollection<UInt8>>(in bytes: Bytes) -> [Member] where Bytes.Index == Int {
    listing(in: bytes).members
  }

  /// What is wrong with the archive's directory, if anything: an offset or size past the
  /// file (a ZIP64 field can claim up to 2^64), which the ZIP library would seek to and trap
  /// on. `nil` when every offset and size the directory gives lies inside the file.
  static func damage<Bytes: RandomAccessCollection<UInt8>>(in bytes: Bytes) -> String? where Bytes.Index == Int {
    listing(in: bytes).damage
  }

  /// The members, and the first offset or size found past the file.
  private static func listing<Bytes: RandomAccessCollection<UInt8>>(in bytes: Bytes) -> (members: [Member], damage: String?)
  where Bytes.Index == Int {
    precondition(bytes.startIndex == 0, "bytes indexed from 0")
    let read = Reader(bytes: bytes), count = bytes.count
    let floor = max(0, count - 65_557)
    var end = count - 22
    while end >= floor, read.u32(end) != 0x0605_4B50 { end -= 1 }
    guard end >= floor, var directory = read.u32(end + 16) else { return ([], nil) }
    // A ZIP64 end record right before its locator gives the directory's offset, whatever
    // the 32-bit record says (as the ZIP library reads it).
    if read.u32(end - 20) == 0x0706_4B50, read.u32(end - 76) == 0x0606_4B50 {
      guard let offset = read.u64(end - 76 + 48), offset <= count else { return ([], "its central directory lies outside the file") }
      directory = offset
    }
    var members: [Member] = []
    var at = directory
    while read.u32(at) == 0x0201_4B50, let flags = read.u16(at + 8), let method = read.u16(at + 10),
      var compressed = read.u32(at + 20), var uncompressed = read.u32(at + 24), let nameLength = read.u16(at + 28),
      let extra = read.u16(at + 30), let comment = read.u16(at + 32), var local = read.u32(at + 42),
      at + 46 + nameLength + extra <= count
    {
      let name = String(decoding: bytes[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self)
      // The ZIP64 extra field holds, in this order, the values the record marks 0xFFFFFFFF.
      var field = at + 46 + nameLength
      while field + 4 <= at + 46 + nameLength + extra, let id = read.u16(field), let size = read.u16(field + 2) {
        if id == 1 {
          var next = field + 4
          for marked in [\Member.uncompressedSize, \.compressedSize, \.localHeaderOffset] {
            let current = marked == \.uncompressedSize ? uncompressed : marked == \.compressedSize ? compressed : local
            guard current == 0xFFFF_FFFF, next + 8 <= field + 4 + size else { continue }
            guard let value = read.u64(next), value <= count || marked == \.uncompressedSize && method != 0 && value < 1 << 62 else {
              return (members, "member '\(InputError.escaped(name))' claims a size or offset past the file")
            }
            if marked == \.uncompressedSize { uncompressed = value } else if marked == \.compressedSize { compressed = value } else { local = value }
            next += 8
          }
        }
        field += 4 + size
      }
      guard local <= count - 30, compressed <= count, method != 0 || uncompressed <= count else {
        return (members, "member '\(InputError.escaped(name))' lies outside the file")
      }
      members.append(
        Member(
          name: name, encrypted: flags & 1 != 0, method: method, compressedSize: compressed, uncompressedSize: uncompressed,
          localHeaderOffset: local))
      at += 46 + nameLength + extra + comment
    }
    return (members, nil)
  }

  /// Where `member`'s bytes begin (after its local header), when that header is where the
  /// directory says and the bytes fit in the archive.
  static func dataOffset<Bytes: RandomAccessCollection<UInt8>>(of member: Member, in bytes: Bytes) -> Int? where Bytes.Index == Int {
    let read = Reader(bytes: bytes), at = member.localHeaderOffset
    guard read.u32(at) == 0x0403_4B50, let name = read.u16(at + 26), let extra = read.u16(at + 28) else { return nil }
    let start = at + 30 + name + extra
    guard start <= bytes.count, member.compressedSize <= bytes.count - start else { return nil }
    return start
  }

  /// Little-endian fields of the archive's bytes, `nil` past their end.
  private struct Reader<Bytes: RandomAccessCollection<UInt8>> where Bytes.Index == Int {
    let bytes: Bytes
    func u16(_ at: Int) -> Int? { at >= 0 && at <= bytes.count - 2 ? Int(bytes[at]) | Int(bytes[at + 1]) << 8 : nil }
    func u32(_ at: Int) -> Int? { u16(at).flatMap { low in u16(at + 2).map { low | $0 << 16 } } }
    func u64(_ at: Int) -> Int? {
      guard let low = u32(at), let high = u32(at + 4), high < 0x8000_0000 else { return nil }
      return low | high << 32
    }
  }
}
