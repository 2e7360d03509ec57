// ssl-quality · FileDigest.swift — SHA-256 of input files (OpenSSL's libcrypto), for reports.

import CCrypto
import Foundation

/// Cryptographic digests of files, read in 1 MB pieces.
public enum FileDigest {
  /// The SHA-256 of the file at `path` as 64 lowercase hexadecimal digits.
  ///
  /// - Throws: ``InputError`` when the file cannot be read.
  public static func sha256(path: String) throws -> String {
    guard let handle = FileHandle(forReadingAtPath: path) else { throw InputError(path, "cannot be read") }
    defer { try? handle.close() }
    guard let context = EVP_MD_CTX_new() else { throw InputError(path, "SHA-256: OpenSSL could not allocate a digest") }
    defer { EVP_MD_CTX_free(context) }
    guard EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else { throw InputError(path, "SHA-256: OpenSSL refused the digest") }
    while true {
      let piece: Data
      do { piece = try handle.read(upToCount: 1 << 20) ?? Data() } catch { throw InputError(path, "read failed: \(error.localizedDescription)") }
      if piece.isEmpty { break }
      _ = piece.withUnsafeBytes { EVP_DigestUpdate(context, $0.baseAddress, $0.count) }
    }
    var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
    var length: UInt32 = 0
    guard EVP_DigestFinal_ex(context, &digest, &length) == 1 else { throw InputError(path, "SHA-256: OpenSSL could not finish the digest") }
    return digest.prefix(Int(length)).map { String(format: "%02x", $0) }.joined()
  }
}
