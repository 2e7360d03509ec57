// ssl-quality · FileDigest.swift — SHA-256 of input files and matrices (OpenSSL's libcrypto).

import CCrypto
import Foundation
import SSLQuality

/// Cryptographic digests of files, read in 1 MB pieces.
public enum FileDigest {
  /// The SHA-256 of the regular file at `path` as 64 lowercase hexadecimal digits.
  ///
  /// - Throws: ``InputError`` when the file cannot be read or is not a non-empty regular
  ///   file (``FileCheck/openRegularFile(_:)``: a FIFO or device is refused, never read).
  public static func sha256(path: String) throws -> String {
    let (file, size) = try FileCheck.openRegularFile(path)
    let digest = try SHA256Digest(name: path)
    var piece = [UInt8](repeating: 0, count: min(size, 1 << 20))
    var offset = 0
    while offset < size {
      let count = min(piece.count, size - offset)
      let read = piece.withUnsafeMutableBytes { file.read(into: $0.baseAddress!, count: count, offset: offset) }
      guard read else { throw InputError(path, "cannot read: the file shrank while it was read") }
      digest.update(piece[..<count])
      offset += count
    }
    let hex = Array("0123456789abcdef".utf8)
    return String(decoding: try digest.finish().flatMap { [hex[Int($0 >> 4)], hex[Int($0 & 15)]] }, as: UTF8.self)
  }
}

/// SHA-256 (FIPS 180-4, through OpenSSL's EVP interface) of bytes handed in pieces.
public final class SHA256Digest {
  private let context: OpaquePointer
  private let name: String

  /// A digest whose OpenSSL failures are reported as ``InputError``s naming `name`.
  public init(name: String) throws {
    guard let context = EVP_MD_CTX_new() else { throw InputError(name, "SHA-256: OpenSSL could not allocate a digest") }
    self.context = context
    self.name = name
    guard EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else { throw InputError(name, "SHA-256: OpenSSL refused the digest") }
  }

  deinit { EVP_MD_CTX_free(context) }

  /// Adds `bytes` to the digested message.
  public func update(_ bytes: some ContiguousBytes) {
    _ = bytes.withUnsafeBytes { EVP_DigestUpdate(context, $0.baseAddress, $0.count) }
  }

  /// Adds `matrix`'s shape (two little-endian 64-bit integers) and then its float32
  /// elements in row-major order (their little-endian bytes on this machine).
  public func update(_ matrix: Matrix) {
    let shape = [Int64(matrix.rows).littleEndian, Int64(matrix.columns).littleEndian]
    shape.withUnsafeBytes { _ = EVP_DigestUpdate(context, $0.baseAddress, $0.count) }
    matrix.withUnsafeBufferPointer { elements in
      _ = EVP_DigestUpdate(context, UnsafeRawPointer(elements.baseAddress), elements.count * MemoryLayout<Float>.size)
    }
  }

  /// The 32 bytes of the digest of everything added.
  public func finish() throws -> [UInt8] {
    var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
    var length: UInt32 = 0
    guard EVP_DigestFinal_ex(context, &digest, &length) == 1 else { throw InputError(name, "SHA-256: OpenSSL could not finish the digest") }
    return Array(digest.prefix(Int(length)))
  }
}
