// ssl-quality · Analysis.swift — the one shape of every command's work.

import SSLQuality

/// One command's work: a typed request (the conforming value) run once on an execution
/// context, reporting notices as it goes; its outcome's `result` is the command's JSON
/// document, written only through ``ResultJSON``.
public protocol Analysis: Sendable {
  associatedtype Outcome: AnalysisOutcome
  func run(context: ExecutionContext, notices: NoticeSink) throws -> Outcome
}

/// What an analysis returns: the `Codable` result and whatever the command renders
/// besides it (figures' data, tables, per-sample arrays).
public protocol AnalysisOutcome: Sendable {
  associatedtype Result: Codable & Sendable
  var result: Result { get }
}
