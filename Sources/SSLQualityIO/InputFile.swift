// ssl-quality · InputFile.swift — a whole input file as bytes, for readers outside this module.

import Foundation

/// Whole input files read into memory, for the readers that decode `Data` (saved JSON
/// results). They are opened as every input is (``FileCheck/openRegularFile(_:)``), so a
/// FIFO, a device, a directory or a symbolic link loop is refused before anything is read.
public enum InputFile {
  /// The bytes of the regular file at `path`.
  ///
  /// - Throws: ``InputError`` naming `path` for a missing, unreadable, empty or special file.
  public static func data(_ path: String) throws -> Data {
    try MappedFile.contents(path).withBytes { Data($0) }
  }
}
