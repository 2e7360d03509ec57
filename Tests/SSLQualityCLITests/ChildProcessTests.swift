// ssl-quality · ChildProcessTests.swift — the suite's child processes: read whole, reaped, stopped at their deadline.

import Foundation
import Testing
import TestSupport

@Suite("child processes of the test suite")
struct ChildProcessTests {
  @Test("megabytes on both outputs are read whole, with the exit status")
  func chattyChild() throws {
    let script = "head -c 3000000 /dev/zero; head -c 2000000 /dev/zero >&2; exit 3"
    let result = try runProcess("/bin/sh", ["-c", script])
    #expect(result.status == 3)
    #expect(result.stdout.utf8.count == 3_000_000 && result.stderr.utf8.count == 2_000_000)
  }

  @Test("a child still running at its deadline is killed, and the error names its command")
  func deadline() throws {
    let started = Date()
    #expect {
      try runProcess("/bin/sleep", ["30"], timeout: 0.5)
    } throws: { error in
      "\(error)".hasPrefix("still running after 0 s, killed: /bin/sleep 30")
    }
    #expect(Date().timeIntervalSince(started) < 25)
  }

  @Test("a child that leaves a process behind holding its output ends the wait once it has ended itself")
  func lingeringGrandchild() throws {
    let started = Date()
    let result = try runProcess("/bin/sh", ["-c", "sleep 8 & echo started"])
    #expect(result.status == 0 && result.stdout == "started\n")
    #expect(Date().timeIntervalSince(started) < 6)
  }

  @Test("a signalled child reports the signal; the working directory and extra environment reach it")
  func signalAndDirectory() throws {
    let child = try ChildProcess("/bin/sleep", ["30"], stdout: .discard, stderr: .discard)
    #expect(child.isRunning)
    child.send(SIGTERM)
    #expect(try child.wait() == .signalled(SIGTERM))
    let result = try runProcess("/bin/sh", ["-c", "pwd; echo $SSLQ_CHILD"], directory: "/tmp", environment: ["SSLQ_CHILD": "yes"])
    #expect(result.stdout == "/tmp\nyes\n")
  }
}
