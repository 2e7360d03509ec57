// ssl-quality · NPZArchive.swift — arrays inside .npz (ZIP) archives.

import Foundation
import SSLQuality
import ZIPFoundation

#if canImport(Glibc)
  import Glibc
#endif

/// `.npz` archives as `np.savez` / `np.savez_compressed` write them: a ZIP (stored or
/// deflated members, ZIP64 included) of `.npy` files named `<key>.npy`.
enum NPZArchive {
  /// The member `key` (without `.npy`) of the archive at `path`, or its only member when
  /// `key` is `nil`. The member is extracted to an unlinked temporary file and mapped, so
  /// memory stays bounded whatever its size. Before anything is written, the size the
  /// archive claims for the member is checked against what its compressed bytes can
  /// inflate to, and its `.npy` header is parsed from the first inflated bytes and checked
  /// against that size and against `expected` (rank, extents); only then is the rest
  /// extracted, and its CRC-32 verified.
  static func open(path: String, key: String?, expecting expected: ArrayExpectation = .any) throws -> StoredArray {
    let archive = try readable(path)
    return try member(of: archive, path: path, key: key, expecting: expected, fileByteCount: fileSize(path))
  }

  /// Keys of the arrays in an archive, in archive order.
  static func keys(of archive: Archive) -> [String] {
    archive.filter { $0.type == .file }.map { key(forMember: $0.path) }
  }

  private static func key(forMember path: String) -> String {
    path.hasSuffix(".npy") ? String(path.dropLast(4)) : path
  }

  /// Deflate codes at most 258 bytes in 2 bits (RFC 1951: length code 285, distance code
  /// 0, both given 1-bit codes), so a member inflates to at most 1032 times its compressed
  /// size; stored members are not compressed at all.
  static let maximumInflation = 1032

  /// The type, shape and order of member `key` (or the only member) of the archive at
  /// `path`, read from its `.npy` header: only the first inflated bytes are produced, the
  /// rest of the member is never inflated or written anywhere (so its CRC-32 is not checked).
  static func describe(path: String, key: String?) throws -> ArrayDescription {
    let archive = try readable(path)
    let (entry, name, total) = try selected(key, of: archive, path: path)
    var header: (layout: ArrayLayout, dataOffset: Int)?
    do {
      try inflate(entry, of: archive, name: name, total: total) { parsed, _ in
        header = parsed
        throw HeaderRead()
      }
    } catch is HeaderRead {}
    guard let header else { throw InputError(name, "the archive member ends inside its .npy header") }
    return ArrayDescription(name: name, format: .npz, layout: header.layout, fileByteCount: fileSize(path))
  }

  /// Stops an extraction once the member's header is parsed.
  private struct HeaderRead: Error {}

  /// The archive at `path`, once its directory is known to stay inside the file (the ZIP
  /// library traps on an offset past 2^63).
  static func readable(_ path: String) throws -> Archive {
    if let damage = try MappedFile.map(path).buffer.withBytes({ ZIPDirectory.damage(in: $0) }) {
      throw InputError(path, "damaged ZIP archive: \(damage)")
    }
    do {
      return try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
    } catch {
      throw InputError(path, "not a readable ZIP archive (.npz)")
    }
  }

  /// The member `key` names (or the only member), how messages name it, and the inflated
  /// size the archive claims for it once that claim is checked against what its compressed
  /// bytes can hold.
  private static func selected(_ key: String?, of archive: Archive, path: String) throws -> (entry: Entry, name: String, total: Int) {
    let members = archive.filter { $0.type == .file }
    let encrypted = ZIPDirectory.encryptedMembers(path)
    let entry: Entry
    if let key {
      guard let found = members.first(where: { $0.path == key + ".npy" || $0.path == key }) else {
        if let locked = encrypted.first(where: { $0 == key + ".npy" || $0 == key }) {
          throw InputError(path, "archive member '\(locked)' is encrypted; encrypted archive members are not supported")
        }
        let available = members.map { self.key(forMember: $0.path) }.joined(separator: ", ")
        throw InputError(path, "no array named '\(key)' (the archive holds: \(available.isEmpty ? "nothing" : available))")
      }
      entry = found
    } else {
      guard members.count == 1, encrypted.isEmpty, let only = members.first else {
        if members.isEmpty, let locked = encrypted.first {
          throw InputError(path, "archive member '\(locked)' is encrypted; encrypted archive members are not supported")
        }
        let available = (members.map { self.key(forMember: $0.path) } + encrypted.map { self.key(forMember: $0) })
          .joined(separator: ", ")
        throw InputError(
          path,
          members.isEmpty
            ? "the archive holds no arrays"
            : "the archive holds \(members.count + encrypted.count) arrays (\(available)); name one as \(path):KEY")
      }
      entry = only
    }
    let name = "\(path):\(self.key(forMember: entry.path))"
    guard entry.path.hasSuffix(".npy") else { throw InputError(name, "archive member '\(entry.path)' is not a .npy array") }
    guard let total = Int(exactly: entry.uncompressedSize) else { throw InputError(name, "archive member is too large") }
    let compressed = Int(clamping: entry.compressedSize)
    let (bound, overflow) = compressed.multipliedReportingOverflow(by: maximumInflation)
    guard overflow || total <= bound else {
      throw InputError(
        name,
        "the archive says the member inflates to \(total) bytes, but its \(compressed) compressed bytes can hold at most \(bound): the archive is damaged or forged")
    }
    return (entry, name, total)
  }

  /// Inflates `entry` in chunks, handing each to `consume` with the member's `.npy` header
  /// once the first inflated bytes hold all of it (`nil` before), checked against the
  /// claimed size `total`. Errors other than an ``InputError`` or one `consume` throws are
  /// reported as damaged data.
  private static func inflate(
    _ entry: Entry, of archive: Archive, name: String, total: Int,
    _ consume: ((layout: ArrayLayout, dataOffset: Int)?, Data) throws -> Void
  ) throws {
    var prefix: [UInt8] = [], parsed: (layout: ArrayLayout, dataOffset: Int)?
    do {
      _ = try archive.extract(entry, bufferSize: 1 << 20, skipCRC32: true) { chunk in
        if parsed == nil {
          prefix += chunk.prefix(NPYFormat.maximumHeaderLength + 12 - prefix.count)
          parsed = try InputError.naming(name) {
            try NPYFormat.header(prefix, totalLength: total)
          }
        }
        try consume(parsed, chunk)
      }
    } catch let error as InputError {
      throw error
    } catch is HeaderRead {
      throw HeaderRead()
    } catch {
      throw InputError(name, "cannot extract the archive member (corrupt or truncated data: \(error))")
    }
  }

  private static func member(
    of archive: Archive, path: String, key: String?, expecting expected: ArrayExpectation, fileByteCount: Int
  ) throws -> StoredArray {
    let (entry, name, total) = try selected(key, of: archive, path: path)
    var checksum: CRC32 = 0, checked = false
    let region = try MappedFile.mapTemporary(path: name, byteCount: total) { append in
      try inflate(entry, of: archive, name: name, total: total) { parsed, chunk in
        checksum = chunk.crc32(checksum: checksum)
        if let parsed, !checked {
          try expected.check(parsed.layout, name: name)
          checked = true
        }
        try append(chunk)
      }
    }
    guard checksum == entry.checksum else {
      throw InputError(
        name,
        "CRC-32 mismatch (stored \(hex(entry.checksum)), computed \(hex(checksum))): the archive member is corrupt")
    }
    let buffer = region.buffer
    let layout = try InputError.naming(name) {
      try buffer.withBytes { try NPYFormat.parse($0) }
    }
    return StoredArray(
      name: name, format: .npz, layout: layout.layout, fileByteCount: fileByteCount, buffer: buffer,
      dataOffset: layout.dataOffset, file: region.file)
  }

  private static func hex(_ value: CRC32) -> String { "0x" + String(value, radix: 16, uppercase: false) }

  private static func fileSize(_ path: String) -> Int {
    ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
  }
}
