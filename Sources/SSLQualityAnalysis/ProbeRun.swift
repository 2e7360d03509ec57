// ssl-quality · ProbeRun.swift — one probe fit inside an analysis.

import SSLQuality

/// Fitting a probe inside an analysis: progress finished, a notice when L-BFGS stopped
/// without converging.
enum ProbeRun {
  static func fit(_ probe: ProbeProtocol, _ inputs: ProbeInputs, context: ExecutionContext, notices: NoticeSink) -> ProbeProtocol.Run {
    defer { context.report(.finished) }
    let run = probe.run(train: inputs.train, trainLabels: inputs.trainLabels, test: inputs.test, context: context)
    if run.converged == false {
      notices.send(.probeNotConverged(fits: 1, unconverged: 1, atFloor: run.stop == .gradientFloor ? 1 : 0, gradientNorm: run.gradientNorm))
    }
    return run
  }
}
