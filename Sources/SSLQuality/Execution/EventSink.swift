// ssl-quality · EventSink.swift — where a computation's events (progress, notices) go.

/// Receives a computation's events, possibly from several worker threads at once: the
/// library's ``ProgressEvent``s, the analyses' notices. Only the program running the
/// computation decides what an event becomes (a progress line, a warning, nothing).
public struct EventSink<Event: Sendable>: Sendable {
  private let handler: (@Sendable (Event) -> Void)?

  /// A sink calling `handler` for every event; `handler` must be safe to call from any thread.
  public init(_ handler: @escaping @Sendable (Event) -> Void) { self.handler = handler }

  private init() { handler = nil }

  /// Drops every event.
  public static var silent: Self { Self() }

  /// Delivers `event`.
  public func send(_ event: Event) { handler?(event) }
}
