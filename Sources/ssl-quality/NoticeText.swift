// ssl-quality · NoticeText.swift — the analyses' notices as warning lines on stderr.

import SSLQuality
import SSLQualityAnalysis
import SSLQualityIO

/// `ssl-quality: warning: FILE: what happened` for every ``AnalysisNotice``.
enum NoticeText {
  /// The line for `notice`, newline included; `probe` names the flags of a probe fit that
  /// did not converge.
  static func line(_ notice: AnalysisNotice, probe: ProbeOptions?) -> String {
    if case .probeNotConverged(let fits, let unconverged, let atFloor, let gradientNorm) = notice, let probe {
      return probe.notConverged(fits: fits, unconverged: unconverged, atFloor: atFloor, gradientNorm: gradientNorm)
    }
    let about = notice.source.map { "\(InputError.escaped($0)): " } ?? ""
    return "ssl-quality: warning: \(about)\(notice.message)\n"
  }

  /// The analyses' notices as warnings on stderr; `probe` words a probe fit that did not
  /// converge in terms of its flags.
  static func sink(probe: ProbeOptions? = nil) -> NoticeSink {
    NoticeSink { notice in StandardError.write(line(notice, probe: probe)) }
  }
}
