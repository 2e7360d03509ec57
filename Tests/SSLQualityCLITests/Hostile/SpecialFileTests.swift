// ssl-quality · SpecialFileTests.swift — a FIFO, /dev/zero, a directory and a symbolic link loop given to
// every input flag of every command: refused at once, naming the path, with nothing on stdout.

import Testing
import TestSupport

@Suite("hostile inputs: special files at every input flag")
struct SpecialFileTests {
  /// One input flag of one command: `arguments` with `@` where the special file goes, the
  /// rest valid. `directory`: the flag expects a directory (so a directory is not hostile
  /// there); `either`: a file or a directory (`interpret --heatmaps`).
  struct InputFlag: CustomTestStringConvertible, Sendable {
    var name: String
    var arguments: [String]
    var directory = false, either = false
    var testDescription: String { name }
  }

  /// A special file made by ``hostileScratch()`` (or the system's), and how it is named.
  struct Special: Sendable {
    var name: String, path: String
    /// What the message says where a regular file is expected, and where a directory is.
    var asFile: String, asDirectory: String?
  }

  static let specials: [Special] = [
    Special(name: "FIFO", path: "$S/fifo.npy", asFile: "is a FIFO (named pipe), not a regular file", asDirectory: "is a FIFO (named pipe), expected …"),
    Special(name: "/dev/zero", path: "/dev/zero", asFile: "is a character device, not a regular file", asDirectory: "is a character device, expected …"),
    Special(name: "directory", path: "$S/directory.npy", asFile: "is a directory, not a file", asDirectory: nil),
    Special(name: "symbolic link loop", path: "$S/loop_a", asFile: "symbolic link loop", asDirectory: "symbolic link loop"),
  ]

  static let small = "$F/small.npy", labels = "$F/small_labels.npy", predictions = "$F/predictions.npy"
  static let demo = "fixtures/demo"
  static let interpret = [
    "interpret", "--heatmaps", "fixtures/interpret/salient_heatmaps.npy", "--images", "fixtures/interpret/salient_images.txt",
    "--salient-imagenet", "fixtures/interpret/salient", "--mturk", "fixtures/interpret/mturk.csv",
  ]
  static let plain = ["interpret", "--heatmaps", "fixtures/interpret/plain/heatmaps", "--images", "fixtures/interpret/plain_images.txt"]
  static let views = ["fixtures/finetune/view0.npy", "fixtures/finetune/view1.npy"]

  static let flags: [InputFlag] = [
    InputFlag(name: "inspect FILE", arguments: ["inspect", "@"]),
    InputFlag(name: "features EMB", arguments: ["features", "@"]),
    InputFlag(name: "score EMB", arguments: ["score", "@"]),
    InputFlag(name: "score --labels", arguments: ["score", small, "--labels", "@", "--predictions", predictions]),
    InputFlag(name: "score --predictions", arguments: ["score", small, "--labels", labels, "--predictions", "@"]),
    InputFlag(name: "score --probabilities", arguments: ["score", small, "--labels", labels, "--predictions", predictions, "--probabilities", "@"]),
    InputFlag(name: "score --train", arguments: ["score", small, "--labels", labels, "--train", "@", "--train-labels", labels]),
    InputFlag(name: "score --train-labels", arguments: ["score", small, "--labels", labels, "--train", small, "--train-labels", "@"]),
    InputFlag(name: "score --discriminative-from", arguments: ["score", small, "--discriminative-from", "@"]),
    InputFlag(name: "score --ids", arguments: ["score", small, "--ids", "@", "--lowest", "3"]),
    InputFlag(name: "probe --train", arguments: ["probe", "--train", "@", "--train-labels", labels, "--test", small, "--test-labels", labels]),
    InputFlag(name: "probe --train-labels", arguments: ["probe", "--train", small, "--train-labels", "@", "--test", small, "--test-labels", labels]),
    InputFlag(name: "probe --test", arguments: ["probe", "--train", small, "--train-labels", labels, "--test", "@", "--test-labels", labels]),
    InputFlag(name: "probe --test-labels", arguments: ["probe", "--train", small, "--train-labels", labels, "--test", small, "--test-labels", "@"]),
    InputFlag(
      name: "probe --ids",
      arguments: ["probe", "--train", small, "--train-labels", labels, "--test", small, "--test-labels", labels, "--ids", "@", "--predictions-out", "$S/p.csv"]),
    InputFlag(name: "compress --train", arguments: ["compress", "--train", "@", "--train-labels", labels, "--test", small, "--test-labels", labels]),
    InputFlag(name: "compress --train-labels", arguments: ["compress", "--train", small, "--train-labels", "@", "--test", small, "--test-labels", labels]),
    InputFlag(name: "compress --test", arguments: ["compress", "--train", small, "--train-labels", labels, "--test", "@", "--test-labels", labels]),
    InputFlag(name: "compress --test-labels", arguments: ["compress", "--train", small, "--train-labels", labels, "--test", small, "--test-labels", "@"]),
    InputFlag(name: "calibrate EMB", arguments: ["calibrate", "@"]),
    InputFlag(name: "calibrate --labels", arguments: ["calibrate", small, "--labels", "@", "--predictions", predictions]),
    InputFlag(name: "calibrate --predictions", arguments: ["calibrate", small, "--labels", labels, "--predictions", "@"]),
    InputFlag(name: "calibrate --train", arguments: ["calibrate", small, "--labels", labels, "--train", "@", "--train-labels", labels]),
    InputFlag(name: "calibrate --train-labels", arguments: ["calibrate", small, "--labels", labels, "--train", small, "--train-labels", "@"]),
    InputFlag(name: "compare EMB", arguments: ["compare", small, "@"]),
    InputFlag(
      name: "compare --train",
      arguments: ["compare", small, small, "--train", small, "@", "--train-labels", labels, "--test-labels", labels]),
    InputFlag(
      name: "compare --train-labels",
      arguments: ["compare", small, small, "--train", small, small, "--train-labels", "@", "--test-labels", labels]),
    InputFlag(
      name: "compare --test-labels",
      arguments: ["compare", small, small, "--train", small, small, "--train-labels", labels, "--test-labels", "@"]),
    InputFlag(name: "spectrum EMB", arguments: ["spectrum", "@"]),
    InputFlag(name: "spectrum --views (first)", arguments: ["spectrum", small, "--views", "@", small]),
    InputFlag(name: "spectrum --views (second)", arguments: ["spectrum", small, "--views", small, "@"]),
    InputFlag(name: "report EMB", arguments: ["report", "@", "--html", "$S/r.html"]),
    InputFlag(name: "report --labels", arguments: ["report", small, "--labels", "@", "--predictions", predictions, "--html", "$S/r.html"]),
    InputFlag(name: "report --predictions", arguments: ["report", small, "--labels", labels, "--predictions", "@", "--html", "$S/r.html"]),
    InputFlag(
      name: "report --probabilities",
      arguments: ["report", small, "--labels", labels, "--predictions", predictions, "--probabilities", "@", "--html", "$S/r.html"]),
    InputFlag(
      name: "report --train",
      arguments: ["report", small, small, "--train", small, "@", "--train-labels", labels, "--test-labels", labels, "--html", "$S/r.html"]),
    InputFlag(
      name: "report --train-labels",
      arguments: ["report", small, small, "--train", small, small, "--train-labels", "@", "--test-labels", labels, "--html", "$S/r.html"]),
    InputFlag(
      name: "report --test-labels",
      arguments: ["report", small, small, "--train", small, small, "--train-labels", labels, "--test-labels", "@", "--html", "$S/r.html"]),
    InputFlag(name: "report --from", arguments: ["report", small, "--from", "@", "--html", "$S/r.html"]),
    InputFlag(name: "objective ntxent A", arguments: ["objective", "ntxent", "@", small]),
    InputFlag(name: "objective ntxent B", arguments: ["objective", "ntxent", small, "@"]),
    InputFlag(name: "objective ntxent --bank", arguments: ["objective", "ntxent", small, small, "--bank", "@"]),
    InputFlag(name: "objective swav --low", arguments: ["objective", "swav", small, small, "--low", "@"]),
    InputFlag(name: "objective dino --teacher", arguments: ["objective", "dino", "--teacher", "@", "--student", small]),
    InputFlag(name: "objective dino --student", arguments: ["objective", "dino", "--teacher", small, "--student", "@"]),
    InputFlag(name: "objective dino --center", arguments: ["objective", "dino", "--teacher", small, "--student", small, "--center", "@"]),
    InputFlag(name: "objective qreg Z", arguments: ["objective", "qreg", "@"]),
    InputFlag(name: "finetune --views", arguments: ["finetune", "--views", views[0], "@", "--out", "$S/ft"]),
    InputFlag(name: "finetune --train", arguments: ["finetune", "--views"] + views + ["--train", "@", "--out", "$S/ft"]),
    InputFlag(
      name: "finetune --train-labels",
      arguments: ["finetune", "--views"] + views + ["--train", "fixtures/finetune/train.npy", "--train-labels", "@", "--test", "fixtures/finetune/test.npy", "--test-labels", "fixtures/finetune/test_labels.npy", "--out", "$S/ft"]),
    InputFlag(name: "finetune --test", arguments: ["finetune", "--views"] + views + ["--test", "@", "--out", "$S/ft"]),
    InputFlag(
      name: "finetune --test-labels",
      arguments: ["finetune", "--views"] + views + ["--train", "fixtures/finetune/train.npy", "--train-labels", "fixtures/finetune/train_labels.npy", "--test", "fixtures/finetune/test.npy", "--test-labels", "@", "--out", "$S/ft"]),
    InputFlag(name: "finetune --head", arguments: ["finetune", "--views"] + views + ["--head", "@", "--out", "$S/ft"]),
    InputFlag(name: "adapt ADAPTER", arguments: ["adapt", "@", "fixtures/finetune/train.npy", "--embeddings-out", "$S/a.npy"]),
    InputFlag(name: "adapt INPUT", arguments: ["adapt", "fixtures/finetune/adapter.safetensors", "@", "--embeddings-out", "$S/a.npy"]),
    InputFlag(name: "interpret --heatmaps", arguments: ["interpret", "--heatmaps", "@"] + interpret.dropFirst(3), either: true),
    InputFlag(name: "interpret --images", arguments: Array(interpret.prefix(3)) + ["--images", "@"] + interpret.dropFirst(5)),
    InputFlag(name: "interpret --salient-imagenet", arguments: Array(interpret.prefix(5)) + ["--salient-imagenet", "@", "--mturk", "fixtures/interpret/mturk.csv"], directory: true),
    InputFlag(name: "interpret --mturk", arguments: Array(interpret.prefix(7)) + ["--mturk", "@"]),
    InputFlag(name: "interpret --predictions", arguments: interpret + ["--predictions", "@", "--labels", "fixtures/interpret/salient_labels.npy"]),
    InputFlag(name: "interpret --labels", arguments: interpret + ["--predictions", "fixtures/interpret/salient_predictions.npy", "--labels", "@"]),
    InputFlag(name: "interpret --core-masks", arguments: plain + ["--core-masks", "@"], directory: true),
    InputFlag(name: "interpret --spurious-masks", arguments: plain + ["--spurious-masks", "@"], directory: true),
  ]

  @Test("refused at once, naming the path, nothing on stdout", arguments: flags)
  func refused(_ flag: InputFlag) throws {
    let scratch = try hostileScratch()
    defer { scratch.remove() }
    func expand(_ text: String) -> String {
      text.replacingOccurrences(of: "$S", with: scratch.path).replacingOccurrences(of: "$F", with: Fixtures.path("hostile"))
    }
    for special in Self.specials {
      guard let problem = flag.directory ? special.asDirectory : special.asFile, !(flag.either && special.asDirectory == nil) else { continue }
      let path = expand(special.path)
      let arguments = flag.arguments.map { $0 == "@" ? path : expand($0) }
      let run = try MeasuredRun(CLI.executable, arguments, directory: Fixtures.root.path, killAfter: 10)
      let want = "ssl-quality: \(path): \(problem)"
      #expect(run.status == 2, "\(flag.name) on a \(special.name): exit \(run.status), stderr: \(run.stderr)")
      if want.hasSuffix("…") {
        #expect(run.stderr.hasPrefix(String(want.dropLast())), "\(flag.name) on a \(special.name): \(run.stderr)")
      } else {
        #expect(run.stderr == want + "\n", "\(flag.name) on a \(special.name)")
      }
      #expect(run.stdout.isEmpty, "\(flag.name) on a \(special.name): printed \(run.stdout)")
    }
  }
}
