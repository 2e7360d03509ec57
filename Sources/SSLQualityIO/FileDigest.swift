// ssl-quality · FileDigest.swift — SHA-256 of input files (OpenSSL's libcrypto), for reports.

import CCrypto

/// Cryptographic digests of files, read in 1 MB pieces.
public enum FileDigest {
  /// The SHA-256 of the regular file at `path` as 64 lowercase hexadecimal digits.
  ///
  /// - Throws: ``InputError`` when the file cannot be read or is not a non-empty regular
  ///   file (``FileCheck/openRegularFile(_:)``: a FIFO or device is refused, never read).
  public static func sha256(path: String) throws -> String {
    let (file, size) = try FileCheck.openRegularFile(path)
    guard let context = EVP_MD_CTX_new() else { throw InputError(path, "SHA-256: OpenSSL could not allocate a digest") }
    defer { EVP_MD_CTX_free(context) }
    guard EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else { throw InputError(path, "SHA-256: OpenSSL refused the digest") }
    var piece = [UInt8](repeating: 0, count: min(size, 1 << 20))
    var offset = 0
    while offset < size {
      let count = min(piece.count, size - offset)
      let read = piece.withUnsafeMutableBytes { file.read(into: $0.baseAddress!, count: count, offset: offset) }
      guard read else { throw InputError(path, "cannot read: the file shrank while it was read") }
      _ = piece.withUnsafeBytes { EVP_DigestUpdate(context, $0.baseAddress, count) }
      offset += count
    }
    var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
    var length: UInt32 = 0
    guard EVP_DigestFinal_ex(context, &digest, &length) == 1 else { throw InputError(path, "SHA-256: OpenSSL could not finish the digest") }
    let hex = Array("0123456789abcdef".utf8)
    return String(decoding: digest.prefix(Int(length)).flatMap { [hex[Int($0 >> 4)], hex[Int($0 & 15)]] }, as: UTF8.self)
  }
}
