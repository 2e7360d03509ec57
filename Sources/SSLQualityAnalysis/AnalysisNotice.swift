// ssl-quality · AnalysisNotice.swift — what an analysis tells its caller while it runs, besides its result.

import SSLQuality
import SSLQualityIO

/// Something about the inputs or the fit that the caller should hear about but that does
/// not stop the analysis: rows left out, suspicious data, a fit that did not converge.
/// The analyses only emit these; the command-line program prints them on stderr.
public enum AnalysisNotice: Sendable, Equatable {
  /// `count` rows of `source` hold NaN or ±∞ and were left out (`first`: the first few,
  /// when known).
  case nonFiniteRowsLeftOut(source: String, count: Int, first: [Int]?)
  /// `count` rows of `source` are all zero.
  case zeroRows(source: String, count: Int)
  /// A share `share` of the entries of `source` is negative (above ``negativeShareLimit``).
  case negativeEntries(source: String, share: Double)
  /// `unconverged` of `fits` L-BFGS probe fits stopped without converging: `atFloor` of them
  /// with the gradient at its floating-point floor, the others at their iteration limit
  /// (`gradientNorm`: the largest gradient component, for a single fit).
  case probeNotConverged(fits: Int, unconverged: Int, atFloor: Int, gradientNorm: Double?)

  /// Share of negative entries above which the post-ReLU assumption is doubtful.
  public static let negativeShareLimit = 0.01

  /// The notices of a pass's sanity checks besides non-finite rows: all-zero rows and
  /// negative entries.
  public static func sanity(zeroRows: Int, negativeShare: Double, of source: String) -> [AnalysisNotice] {
    var notices: [AnalysisNotice] = []
    if zeroRows > 0 { notices.append(.zeroRows(source: source, count: zeroRows)) }
    if negativeShare > negativeShareLimit { notices.append(.negativeEntries(source: source, share: negativeShare)) }
    return notices
  }

  /// The file the notice is about (`nil` for a probe fit).
  public var source: String? {
    switch self {
    case .nonFiniteRowsLeftOut(let source, _, _), .zeroRows(let source, _), .negativeEntries(let source, _): source
    case .probeNotConverged: nil
    }
  }

  /// What happened, in one sentence.
  public var message: String {
    switch self {
    case .nonFiniteRowsLeftOut(_, let count, let first):
      "\(NonFiniteRowCount(count: count, first: first)); they are left out"
    case .zeroRows(_, let count):
      "\(count) rows are all zero (their Q-Score is 0)"
    case .negativeEntries(_, let share):
      "\(Format.percent(share)) of entries are negative; Q-Score assumes post-ReLU (non-negative) features"
    case .probeNotConverged(let fits, let unconverged, let atFloor, _):
      "\(fits == 1 ? "the logreg probe" : "\(unconverged) of \(fits) logreg probe fits") "
        + (atFloor == 0 ? "stopped at its iteration limit without converging"
          : atFloor == unconverged ? "did not converge: gradient at floating-point floor"
          : "did not converge (\(atFloor) with the gradient at floating-point floor, the others at the iteration limit)")
    }
  }
}

/// Receives ``AnalysisNotice``s, possibly from several threads.
public typealias NoticeSink = EventSink<AnalysisNotice>
