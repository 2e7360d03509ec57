// ssl-quality · InputError.swift — what is wrong with an input, and which input.

import SSLQuality

/// A file or flag value that cannot be used, with the file named.
///
/// `description` is one line of the form `train.npy: expected a 2-D float array, found
/// int64 shape (100,)`; the command-line program prints it and exits with code 2.
public struct InputError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The file (or `file:key` member, or flag) the problem was found in.
  public var path: String
  /// What is wrong, in words a user can act on.
  public var problem: String

  public init(_ path: String, _ problem: String) {
    self.path = path
    self.problem = problem
  }

  /// `path: problem` on one line, control characters escaped (see ``escaped(_:)``).
  public var description: String { Self.escaped("\(path): \(problem)") }

  /// `text` safe to print on a terminal and on one line: ``ControlCharacters/escaped(_:keeping:)``.
  public static func escaped(_ text: String) -> String { ControlCharacters.escaped(text) }
}

/// A problem found while parsing bytes, before the caller attaches the file name.
struct FormatProblem: Error {
  var message: String
  init(_ message: String) { self.message = message }
}

extension InputError {
  /// Runs `body`, naming `path` in any ``FormatProblem`` it throws.
  static func naming<R>(_ path: String, _ body: () throws -> R) throws -> R {
    do {
      return try body()
    } catch let problem as FormatProblem {
      throw InputError(path, problem.message)
    }
  }
}
