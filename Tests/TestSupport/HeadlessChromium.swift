// ssl-quality · HeadlessChromium.swift — opening a page in headless Chromium: a screenshot and the page's network requests.

import Foundation

/// Headless Chromium (Debian's `chromium` package) as a test instrument: it opens a local
/// page, saves a screenshot, and records its network log, from which ``Capture/pageRequests``
/// lists every request the page itself made.
///
/// Runs without a display and, as CI runs as root, without Chromium's sandbox. The
/// browser's own background traffic (update checks, account probes) is switched off where
/// a flag allows and told apart from the page's requests otherwise: a request the page
/// makes carries the page's `file://` site in its network isolation key, background
/// requests carry none.
public enum HeadlessChromium {
  /// The browser, when installed.
  public static let executable: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }

  /// What a visit produced.
  public struct Capture {
    /// The screenshot (PNG).
    public var screenshot: String
    /// URLs the page requested (none for a self-contained page).
    public var pageRequests: [String]
  }

  public struct Failure: Error, CustomStringConvertible {
    public var description: String
  }

  /// Opens `page` (a local HTML file) in a `width × height` window; writes the screenshot and
  /// the network log next to it.
  public static func visit(_ page: String, width: Int, height: Int) throws -> Capture {
    guard let executable else { throw Failure(description: "chromium is not installed (make test installs it)") }
    let stem = (page as NSString).deletingPathExtension
    let screenshot = stem + ".screenshot.png", netLog = stem + ".netlog.json"
    let profile = stem + ".profile"
    defer { try? FileManager.default.removeItem(atPath: profile) }
    let result = try runProcess(
      executable,
      [
        "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--disable-sync",
        "--disable-background-networking", "--disable-component-update", "--disable-default-apps",
        "--user-data-dir=" + profile, "--log-net-log=" + netLog, "--window-size=\(width),\(height)",
        "--screenshot=" + screenshot, URL(fileURLWithPath: page).absoluteString,
      ])
    guard result.status == 0, FileManager.default.fileExists(atPath: screenshot) else {
      throw Failure(description: "chromium exited \(result.status): \(result.stderr.suffix(2000))")
    }
    return Capture(screenshot: screenshot, pageRequests: try pageRequests(netLog: netLog))
  }

  /// URLs of the `URL_REQUEST_START_JOB` events whose network isolation key is the local
  /// page's (`file://`) in a Chromium network log.
  public static func pageRequests(netLog path: String) throws -> [String] {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    guard let log = try JSONSerialization.jsonObject(with: data) as? [String: Any],
      let constants = log["constants"] as? [String: Any], let types = constants["logEventTypes"] as? [String: Int],
      let startJob = types["URL_REQUEST_START_JOB"], let events = log["events"] as? [[String: Any]]
    else { throw Failure(description: "\(path): not a Chromium network log") }
    return events.compactMap { event in
      guard event["type"] as? Int == startJob, let params = event["params"] as? [String: Any],
        let url = params["url"] as? String, (params["network_isolation_key"] as? String ?? "").contains("file://")
      else { return nil }
      return url
    }
  }
}
