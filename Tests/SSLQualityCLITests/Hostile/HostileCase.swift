// ssl-quality · HostileCase.swift — one hostile input, run as a child process and judged on exit code,
// message, files left behind, time and peak memory.

import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// What a run of `ssl-quality` on a hostile input must do.
struct HostileCase: CustomTestStringConvertible, Sendable {
  /// What the case is, for the test report.
  var name: String
  /// Arguments; `$S` stands for the scratch directory, `$F` for fixtures/hostile.
  var arguments: [String]
  /// Expected exit code.
  var status: Int32 = 2
  /// The whole of stderr must equal this (after `$S`/`$F` substitution), or, when it ends
  /// with `…`, start with the part before it.
  var message: String
  /// Paths (with `$S`) that must not exist after the run.
  var absent: [String] = []
  /// Ceiling on the child's peak resident memory, in MB.
  var peakMB: Int = 200
  /// Ceiling on the wall-clock time, in seconds.
  var seconds: Double = 30
  /// Extra environment variables (values with `$S`/`$F` substitution).
  var environment: [String: String] = [:]

  var testDescription: String { name }

  /// Runs the case in a fresh ``hostileScratch()`` directory.
  func run(sourceLocation: SourceLocation = #_sourceLocation) throws {
    let scratch = try hostileScratch()
    defer { scratch.remove() }
    try check(in: scratch.path, sourceLocation: sourceLocation)
  }

  /// Runs the case in `scratch` (made by the caller) and records every expectation that fails.
  func check(in scratch: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let hostile = Fixtures.path("hostile")
    func expand(_ text: String) -> String {
      text.replacingOccurrences(of: "$S", with: scratch).replacingOccurrences(of: "$F", with: hostile)
    }
    let started = Date()
    let run = try MeasuredRun(
      CLI.executable, arguments.map(expand), directory: Fixtures.root.path, environment: environment.mapValues(expand),
      killAfter: seconds * 2)
    let elapsed = Date().timeIntervalSince(started)
    #expect(run.status == status, "\(name): exit \(run.status), stderr: \(run.stderr)", sourceLocation: sourceLocation)
    let want = expand(message)
    if want.hasSuffix("…") {
      #expect(run.stderr.hasPrefix(String(want.dropLast())), "\(name): \(run.stderr)", sourceLocation: sourceLocation)
    } else {
      #expect(run.stderr == want, "\(name)", sourceLocation: sourceLocation)
    }
    #expect(run.stderr.split(separator: "\n").count <= 2, "\(name): more than two lines", sourceLocation: sourceLocation)
    for path in absent.map(expand) {
      #expect(!FileManager.default.fileExists(atPath: path), "\(name): left \(path) behind", sourceLocation: sourceLocation)
    }
    let leftovers = ((try? FileManager.default.contentsOfDirectory(atPath: scratch)) ?? []).filter { $0.contains(".tmp-") }
    #expect(leftovers.isEmpty, "\(name): temporary files left: \(leftovers)", sourceLocation: sourceLocation)
    #expect(run.peakKB <= peakMB * 1024, "\(name): peak RSS \(run.peakKB / 1024) MB > \(peakMB) MB", sourceLocation: sourceLocation)
    #expect(elapsed <= seconds, "\(name): took \(elapsed) s", sourceLocation: sourceLocation)
  }
}

/// A child process run to completion with its own resource usage, stdout and stderr
/// captured in files (no pipe to fill up), stdin from /dev/null; killed (with its process
/// group) after `killAfter` seconds so a regression that hangs fails the test instead of
/// the suite.
///
/// The peak RSS comes from GNU time (`/usr/bin/time -f %M`, Debian package `time`) when
/// it is installed: a child spawned straight from this test process inherits the test
/// process's own peak into its `ru_maxrss` (Linux records the old address space's
/// high-water mark at `exec`, and a spawned child's old address space is the parent's), so
/// `wait4` alone reports at least the test runner's size, whatever the child used. GNU
/// time forks the child from its own small address space and reports the child's peak.
struct MeasuredRun {
  var status: Int32
  var stdout: String, stderr: String
  /// Peak resident set size of the child, in kB (`ru_maxrss`).
  var peakKB: Int

  init(
    _ executable: String, _ arguments: [String], directory: String, environment: [String: String] = [:], killAfter: Double = 60
  ) throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let out = scratch.file("stdout"), err = scratch.file("stderr")
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, err, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    // `sh -c 'cd DIR && exec ...'`: the shell becomes ssl-quality, same process, same usage.
    let shell = ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", directory, executable] + arguments
    let timer = "/usr/bin/time", rss = scratch.file("rss")
    let measured = FileManager.default.isExecutableFile(atPath: timer)
    let argv = measured ? [timer, "-f", "%M", "-o", rss] + shell : shell
    var environ = ProcessInfo.processInfo.environment
    for (key, value) in environment { environ[key] = value }
    let cArguments = argv.map { strdup($0) } + [nil]
    let cEnvironment = environ.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { (cArguments + cEnvironment).forEach { free($0) } }
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
    posix_spawnattr_setpgroup(&attributes, 0)
    var pid = pid_t()
    let spawned = posix_spawn(&pid, argv[0], &actions, &attributes, cArguments, cEnvironment)
    guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO) }
    let finished = NSLock()
    nonisolated(unsafe) var done = false
    let child = pid
    DispatchQueue.global().asyncAfter(deadline: .now() + killAfter) {
      finished.withLock { if !done { kill(-child, SIGKILL) } }
    }
    var raw: Int32 = 0
    var usage = rusage()
    while wait4(pid, &raw, 0, &usage) < 0 && errno == EINTR {}
    finished.withLock { done = true }
    let signal = raw & 0x7F
    status = signal == 0 ? (raw >> 8) & 0xFF : 128 + signal
    stdout = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
    stderr = (try? String(contentsOfFile: err, encoding: .utf8)) ?? ""
    let reported = (try? String(contentsOfFile: rss, encoding: .utf8))?.split(separator: "\n").last.flatMap { Int($0) }
    peakKB = measured ? reported ?? usage.ru_maxrss : usage.ru_maxrss
  }
}

/// A scratch directory with the special files hostile cases need: a FIFO, a directory
/// named like a file, a symbolic link loop, a name with control characters.
func hostileScratch() throws -> ScratchDirectory {
  let scratch = try ScratchDirectory()
  mkfifo(scratch.file("fifo.npy"), 0o644)
  mkfifo(scratch.file("fifo.csv"), 0o644)
  mkfifo(scratch.file("fifo.png"), 0o644)
  try FileManager.default.createDirectory(atPath: scratch.file("directory.npy"), withIntermediateDirectories: false)
  symlink(scratch.file("loop_b"), scratch.file("loop_a"))
  symlink(scratch.file("loop_a"), scratch.file("loop_b"))
  return scratch
}
