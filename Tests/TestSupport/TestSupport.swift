// ssl-quality · TestSupport.swift — fixture paths, scratch directories, child processes.

import Foundation

/// Where the committed fixtures are.
public enum Fixtures {
  /// The repository root (two levels above this file's folder).
  public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// `fixtures/<relative>`.
  public static func path(_ relative: String) -> String {
    root.appendingPathComponent("fixtures").appendingPathComponent(relative).path
  }

  /// The JSON object of `fixtures/<relative>`, keyed by case (empty when unreadable).
  public static func cases(_ relative: String) -> [String: [String: Any]] {
    guard let bytes = try? data(relative),
      let object = try? JSONSerialization.jsonObject(with: bytes) as? [String: [String: Any]]
    else { return [:] }
    return object
  }

  /// The JSON object of `fixtures/<relative>` (empty when unreadable).
  public static func object(_ relative: String) -> [String: Any] {
    guard let bytes = try? data(relative), let object = try? JSONSerialization.jsonObject(with: bytes) as? [String: Any] else {
      return [:]
    }
    return object
  }

  /// The bytes of `fixtures/<relative>`.
  public static func data(_ relative: String) throws -> Data {
    try Data(contentsOf: URL(fileURLWithPath: path(relative)))
  }
}

/// A fresh directory under the system temporary directory, removed by `remove()`.
public struct ScratchDirectory {
  public let path: String

  public init() throws {
    path = NSTemporaryDirectory() + "ssl-quality-test-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  /// `path/name`.
  public func file(_ name: String) -> String { path + "/" + name }

  /// Writes `bytes` to `path/name` and returns that path.
  @discardableResult
  public func write(_ name: String, _ bytes: some Sequence<UInt8>) throws -> String {
    let target = file(name)
    try Data(bytes).write(to: URL(fileURLWithPath: target))
    return target
  }

  /// Names of the files in the directory.
  public func contents() -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
  }

  public func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// The result of running a program.
public struct ProcessResult: Sendable {
  public var status: Int32
  public var stdout: String
  public var stderr: String
}

/// Runs `executable` with `arguments` (in `directory` when given), capturing its output; a child
/// still running after `timeout` seconds is killed and this throws, naming the command.
public func runProcess(
  _ executable: String, _ arguments: [String], directory: String? = nil, environment: [String: String] = [:],
  timeout: TimeInterval = ChildProcess.defaultTimeout
) throws -> ProcessResult {
  let child = try ChildProcess(executable, arguments, directory: directory, environment: environment)
  let (termination, stdout, stderr) = try child.collect(timeout: timeout)
  let status: Int32 =
    switch termination {
    case .exited(let code): code
    case .signalled(let signal): 128 + signal
    }
  return ProcessResult(status: status, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
}

/// Python with numpy, when the machine has it (tests that compare with numpy skip otherwise).
public enum Python {
  /// The interpreter path if `import numpy` works, else `nil`.
  public static let withNumpy: String? = {
    for candidate in ["/usr/bin/env"] {
      if let result = try? runProcess(candidate, ["python3", "-c", "import numpy"]), result.status == 0 {
        return candidate
      }
    }
    return nil
  }()

  /// Runs `script` with `python3`, returning stdout; throws when it fails.
  public static func run(_ script: String, arguments: [String] = []) throws -> String {
    let result = try runProcess("/usr/bin/env", ["python3", "-c", script] + arguments)
    guard result.status == 0 else { throw PythonFailure(message: result.stderr) }
    return result.stdout
  }

  public struct PythonFailure: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
  }
}
