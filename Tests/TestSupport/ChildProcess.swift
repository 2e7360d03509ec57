// ssl-quality · ChildProcess.swift — child processes started with posix_spawn and reaped with waitpid.
//
// Foundation's `Process` waits for its child through a run loop and a SIGCHLD source; on Linux
// that wait can hang after the child has exited, which turned one test of a few milliseconds
// into a suite that never ended. Here the child is reaped with `waitpid`, its output is read
// with `poll`, and a child still running at its deadline is stopped with SIGKILL, so a hang
// fails one test with the command's name instead of stalling the run.

import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A program started with `posix_spawn`, its standard input empty (`/dev/null`).
public final class ChildProcess {
  /// Where the child's standard output or error goes.
  public enum Output {
    /// A pipe this process reads (`ChildProcess.collect`).
    case pipe
    /// `/dev/null`.
    case discard
  }

  /// How the child ended.
  public enum Termination: Equatable, Sendable {
    case exited(Int32)
    case signalled(Int32)
  }

  public let identifier: pid_t
  public let commandLine: String
  /// The read ends of the child's standard output and error, when they are pipes.
  let outputs: [Int32?]
  private var ended: Termination?

  /// Starts `executable arguments...` in `directory` (the current one when `nil`), with this
  /// process's environment plus `environment`.
  public init(
    _ executable: String, _ arguments: [String], directory: String? = nil, environment: [String: String] = [:],
    stdout: Output = .pipe, stderr: Output = .pipe
  ) throws {
    commandLine = ([executable] + arguments).joined(separator: " ")
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    var readEnds: [Int32?] = []
    var writeEnds: [Int32] = []
    for (target, output) in [(Int32(1), stdout), (Int32(2), stderr)] {
      switch output {
      case .discard:
        posix_spawn_file_actions_addopen(&actions, target, "/dev/null", O_WRONLY, 0)
        readEnds.append(nil)
      case .pipe:
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { throw ChildProcessFailure.system("pipe", errno) }
        // Close-on-exec, so no other child inherits a write end and holds the pipe open.
        ends.forEach { _ = fcntl($0, F_SETFD, FD_CLOEXEC) }
        posix_spawn_file_actions_adddup2(&actions, ends[1], target)
        readEnds.append(ends[0])
        writeEnds.append(ends[1])
      }
    }
    if let directory {
      guard let addChdir = Self.addChdir else { throw ChildProcessFailure.system("posix_spawn_file_actions_addchdir_np", ENOSYS) }
      let status = directory.withCString { addChdir(&actions, $0) }
      guard status == 0 else { throw ChildProcessFailure.system("posix_spawn_file_actions_addchdir_np", status) }
    }
    var variables = ProcessInfo.processInfo.environment
    variables.merge(environment) { $1 }
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    let envp = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { (argv + envp).forEach { free($0) } }
    // The child starts with no signal blocked and every signal at its default action, as from
    // a shell, whatever this test process blocks or ignores.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var none = sigset_t(), all = sigset_t()
    sigemptyset(&none)
    sigfillset(&all)
    posix_spawnattr_setsigmask(&attributes, &none)
    posix_spawnattr_setsigdefault(&attributes, &all)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var pid: pid_t = 0
    let status = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
    writeEnds.forEach { close($0) }
    guard status == 0 else {
      readEnds.compactMap { $0 }.forEach { close($0) }
      throw ChildProcessFailure.system("posix_spawn \(executable)", status)
    }
    identifier = pid
    outputs = readEnds
  }

  deinit {
    outputs.compactMap { $0 }.forEach { close($0) }
    if ended == nil {
      kill(identifier, SIGKILL)
      var status: Int32 = 0
      waitpid(identifier, &status, 0)
    }
  }

  /// glibc's `posix_spawn_file_actions_addchdir_np` (2.29 and later), which Swift's Glibc module does not declare.
  private static let addChdir: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32)? = {
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addchdir_np") else { return nil }
    return unsafeBitCast(
      symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32).self)
  }()

  /// Whether the child is still running (it is reaped when it has ended).
  public var isRunning: Bool { poll(block: false) == nil }

  /// Sends `signal` to the child.
  public func send(_ signal: Int32) { if ended == nil { kill(identifier, signal) } }

  /// Waits for the child to end; after `timeout` seconds it is killed and this throws.
  @discardableResult
  public func wait(timeout: TimeInterval = ChildProcess.defaultTimeout) throws -> Termination {
    let deadline = Date().addingTimeInterval(timeout)
    while true {
      if let termination = poll(block: false) { return termination }
      if Date() >= deadline { throw timedOut(after: timeout) }
      usleep(2_000)
    }
  }

  /// Reads the piped outputs to their ends, then waits for the child; after `timeout` seconds
  /// it is killed and this throws. Returns the standard output and error read.
  ///
  /// A program that leaves a process of its own behind holding the pipes (Chromium's helpers)
  /// never closes them: once the child itself has ended, what is left is read for at most
  /// `afterExit` seconds.
  public func collect(timeout: TimeInterval = ChildProcess.defaultTimeout, afterExit: TimeInterval = 2)
    throws -> (termination: Termination, stdout: Data, stderr: Data)
  {
    let deadline = Date().addingTimeInterval(timeout)
    var open = outputs.enumerated().compactMap { index, descriptor in descriptor.map { (index, $0) } }
    var collected = [Data(), Data()]
    var buffer = [UInt8](repeating: 0, count: 65_536)
    var drainUntil: Date?
    while !open.isEmpty {
      let remaining = deadline.timeIntervalSinceNow
      if remaining <= 0 { throw timedOut(after: timeout) }
      if let drainUntil {
        if Date() >= drainUntil { break }
      } else if poll(block: false) != nil {
        drainUntil = Date().addingTimeInterval(afterExit)
      }
      var descriptors = open.map { pollfd(fd: $0.1, events: Int16(POLLIN), revents: 0) }
      let ready = Glibc.poll(&descriptors, nfds_t(descriptors.count), Int32(min(remaining, 0.25) * 1000))
      if ready < 0 && errno != EINTR { throw ChildProcessFailure.system("poll", errno) }
      var finished: [Int32] = []
      for (slot, descriptor) in descriptors.enumerated() where descriptor.revents != 0 {
        let count = read(descriptor.fd, &buffer, buffer.count)
        if count > 0 {
          collected[open[slot].0].append(contentsOf: buffer[0..<count])
        } else if count == 0 || errno != EINTR {
          finished.append(descriptor.fd)
        }
      }
      open.removeAll { finished.contains($0.1) }
    }
    let termination = try wait(timeout: max(deadline.timeIntervalSinceNow, 1))
    return (termination, collected[0], collected[1])
  }

  /// How long a test waits for a child by default: far beyond any command the suite runs.
  public static let defaultTimeout: TimeInterval = 300

  /// `waitpid`, blocking or not; the termination once the child has ended.
  private func poll(block: Bool) -> Termination? {
    if let ended { return ended }
    var status: Int32 = 0
    let result = waitpid(identifier, &status, block ? 0 : WNOHANG)
    guard result == identifier else { return nil }
    // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import (they are macros).
    let signal = status & 0x7f
    ended = signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
    return ended
  }

  /// Kills the child, reaps it, and returns the error that names it, with the child's threads'
  /// stacks when gdb is installed, so a hang in CI says where it was.
  private func timedOut(after timeout: TimeInterval) -> ChildProcessFailure {
    var stacks = ""
    if FileManager.default.isExecutableFile(atPath: "/usr/bin/gdb"),
      let trace = try? runProcess(
        "/usr/bin/gdb", ["-p", "\(identifier)", "-batch", "-ex", "thread apply all bt 30"], timeout: 60)
    {
      stacks = trace.stdout
    }
    kill(identifier, SIGKILL)
    _ = poll(block: true)
    return .timedOut(commandLine, timeout, stacks)
  }
}

/// Why a child process could not be run to its end.
public enum ChildProcessFailure: Error, CustomStringConvertible {
  case system(String, Int32)
  case timedOut(String, TimeInterval, String)

  public var description: String {
    switch self {
    case .system(let call, let code): "\(call): \(String(cString: strerror(code)))"
    case .timedOut(let command, let seconds, let stacks):
      "still running after \(Int(seconds)) s, killed: \(command)" + (stacks.isEmpty ? "" : "\nits threads:\n" + stacks)
    }
  }
}
