// ssl-quality · FinetuneLayout.swift — where a fine-tuning session writes: its folders and every file in them.

/// The folders and files of a session's `--out DIR`, known from the flags alone, so a
/// command can check and lock them before any work: the run with R in `DIR` itself, the
/// control in `DIR/control`, sweep runs in `DIR/lambda-<λ>`; each run folder holds
/// `checkpoint.safetensors` (written by the session after every epoch),
/// `adapter.safetensors`, `head.safetensors`, `history.csv` and, with evaluation splits, the
/// adapted `train.npy` / `test.npy`; `DIR` also holds `finetune.json` and `loss.svg`.
public struct FinetuneLayout: Sendable {
  /// The output folder.
  public var out: String
  /// `--lambdas`: one run per value instead of the main run.
  public var lambdas: [Double]?
  /// `--control`: also the run without R.
  public var control: Bool

  public init(out: String, lambdas: [Double]? = nil, control: Bool = false) {
    self.out = out
    self.lambdas = lambdas
    self.control = control
  }

  /// The runs in report order — the control first, then the run with R (or the sweep) —
  /// each with its folder name under ``out`` (`.` for ``out`` itself) and its `λ1 = λ2`
  /// (`nil`: the request's own λ1, λ2).
  var runs: [(label: String, directory: String, lambda: Double?)] {
    var runs: [(String, String, Double?)] = []
    if let lambdas {
      for lambda in lambdas { runs.append(("lambda=\(lambda)", "lambda-\(lambda)", lambda)) }
      if control && !lambdas.contains(0) { runs.insert(("without_r", "control", 0), at: 0) }
    } else {
      if control { runs.append(("without_r", "control", 0)) }
      runs.append(("with_r", ".", nil))
    }
    return runs
  }

  /// The folder of the run whose folder name is `directory`.
  func folder(_ directory: String) -> String { directory == "." ? out : "\(out)/\(directory)" }

  /// ``out`` and then every other run folder, parents first.
  public var folders: [String] { [out] + runs.map(\.directory).filter { $0 != "." }.map(folder) }

  /// Each run's checkpoint, which the session writes itself (atomically) after every epoch.
  public var checkpoints: [String] { runs.map { "\(folder($0.directory))/checkpoint.safetensors" } }

  /// Every file besides the checkpoints that the command stages in its output set from a
  /// session's results, given which evaluation splits there are.
  public func stagedFiles(train: Bool, test: Bool) -> [String] {
    var names = ["adapter.safetensors", "head.safetensors", "history.csv"]
    if train { names.append("train.npy") }
    if test { names.append("test.npy") }
    return runs.flatMap { run in names.map { "\(folder(run.directory))/\($0)" } } + ["\(out)/finetune.json", "\(out)/loss.svg"]
  }
}
