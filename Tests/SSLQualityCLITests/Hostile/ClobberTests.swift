// ssl-quality · ClobberTests.swift — no output flag of any command may name one of its inputs.

import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// One output flag of one command pointed at one of its inputs, directly or through a
/// symbolic link; `$S` stands for the scratch folder holding the inputs.
struct ClobberCase: Sendable, CustomTestStringConvertible {
  var arguments: [String]
  /// The output path the message names.
  var named: String
  var outputFlag: String, inputFlag: String
  /// A symbolic link `$S/<link>` to `$S/<file>` made before the run.
  var link: (name: String, file: String)?

  var testDescription: String {
    "\(arguments[0]) \(outputFlag) → \(inputFlag)\(link.map { " via symlink \($0.name)" } ?? "")"
  }
}

@Suite("hostile inputs: an output never overwrites an input")
struct ClobberTests {
  /// A command: its arguments with every input in `$S`, which file each input flag names,
  /// and its output flags (with the extension a link to an input gets, for flags that
  /// check it).
  struct Command {
    var arguments: [String]
    var inputs: [(flag: String, file: String)]
    var outputs: [(flag: String, ext: String?)]
  }

  static let commands: [Command] = [
    Command(arguments: ["inspect", "$S/emb.npy", "$S/emb2.npy"], inputs: [("<files>", "emb.npy"), ("<files>", "emb2.npy")], outputs: [("--json-out", nil)]),
    Command(arguments: ["features", "$S/emb.npy"], inputs: [("<embeddings>", "emb.npy")], outputs: [("--json-out", nil), ("--plot", nil)]),
    Command(
      arguments: [
        "score", "$S/emb.npy", "--discriminative-from", "$S/dfrom.npy", "--labels", "$S/labels.npy", "--predictions", "$S/predictions.npy",
        "--probabilities", "$S/probabilities.npy", "--ids", "$S/ids.txt",
      ],
      inputs: [
        ("<embeddings>", "emb.npy"), ("--discriminative-from", "dfrom.npy"), ("--labels", "labels.npy"), ("--predictions", "predictions.npy"),
        ("--probabilities", "probabilities.npy"), ("--ids", "ids.txt"),
      ],
      outputs: [("--json-out", nil), ("--scores-out", ".npy"), ("--table", nil), ("--plot", nil)]),
    Command(
      arguments: ["score", "$S/emb.npy", "--labels", "$S/labels.npy", "--train", "$S/train.npy", "--train-labels", "$S/trn_labels.npy"],
      inputs: [("--train", "train.npy"), ("--train-labels", "trn_labels.npy")], outputs: [("--scores-out", ".csv")]),
    Command(
      arguments: [
        "probe", "--train", "$S/train.npy", "--train-labels", "$S/trn_labels.npy", "--test", "$S/tst.npy", "--test-labels", "$S/tst_labels.npy",
        "--ids", "$S/ids.txt",
      ],
      inputs: [("--train", "train.npy"), ("--train-labels", "trn_labels.npy"), ("--test", "tst.npy"), ("--test-labels", "tst_labels.npy"), ("--ids", "ids.txt")],
      outputs: [("--json-out", nil), ("--predictions-out", ".npy"), ("--probabilities-out", nil)]),
    Command(
      arguments: ["compress", "--train", "$S/train.npy", "--train-labels", "$S/trn_labels.npy", "--test", "$S/tst.npy", "--test-labels", "$S/tst_labels.npy"],
      inputs: [("--train", "train.npy"), ("--train-labels", "trn_labels.npy"), ("--test", "tst.npy"), ("--test-labels", "tst_labels.npy")],
      outputs: [("--json-out", nil), ("--csv", nil), ("--plot", nil)]),
    Command(
      arguments: [
        "interpret", "--heatmaps", "$S/heatmaps", "--images", "$S/images.txt", "--core-masks", "$S/core", "--predictions", "$S/predictions.npy",
        "--labels", "$S/labels.npy",
      ],
      inputs: [
        ("--heatmaps", "heatmaps"), ("--images", "images.txt"), ("--core-masks", "core"), ("--predictions", "predictions.npy"), ("--labels", "labels.npy"),
      ],
      outputs: [("--json-out", nil), ("--csv", nil), ("--plot", nil)]),
    Command(
      arguments: ["interpret", "--heatmaps", "$S/emb.npy", "--salient-imagenet", "$S/core", "--mturk", "$S/ids.txt"],
      inputs: [("--heatmaps", "emb.npy"), ("--salient-imagenet", "core"), ("--mturk", "ids.txt")], outputs: [("--csv", nil)]),
    Command(
      arguments: ["spectrum", "$S/emb.npy", "--views", "$S/view0.npy", "$S/view1.npy"],
      inputs: [("<embeddings>", "emb.npy"), ("--views", "view0.npy"), ("--views", "view1.npy")],
      outputs: [("--json-out", nil), ("--eigenvalues-out", nil), ("--plot", nil)]),
    Command(
      arguments: ["calibrate", "$S/emb.npy", "--labels", "$S/labels.npy", "--predictions", "$S/predictions.npy"],
      inputs: [("<embeddings>", "emb.npy"), ("--labels", "labels.npy"), ("--predictions", "predictions.npy")],
      outputs: [("--json-out", nil), ("--csv", nil), ("--plot", nil)]),
    Command(
      arguments: ["calibrate", "$S/emb.npy", "--labels", "$S/labels.npy", "--train", "$S/train.npy", "--train-labels", "$S/trn_labels.npy"],
      inputs: [("--train", "train.npy"), ("--train-labels", "trn_labels.npy")], outputs: [("--csv", nil)]),
    Command(
      arguments: [
        "compare", "$S/emb.npy", "$S/emb2.npy", "--train", "$S/train.npy", "$S/train2.npy", "--train-labels", "$S/trn_labels.npy", "--test-labels",
        "$S/tst_labels.npy",
      ],
      inputs: [
        ("<embeddings>", "emb.npy"), ("<embeddings>", "emb2.npy"), ("--train", "train.npy"), ("--train", "train2.npy"), ("--train-labels", "trn_labels.npy"),
        ("--test-labels", "tst_labels.npy"),
      ],
      outputs: [("--json-out", nil), ("--csv", nil), ("--plot", nil)]),
    Command(
      arguments: [
        "report", "$S/emb.npy", "--labels", "$S/labels.npy", "--predictions", "$S/predictions.npy", "--probabilities", "$S/probabilities.npy", "--from",
        "$S/from.json",
      ],
      inputs: [
        ("<embeddings>", "emb.npy"), ("--labels", "labels.npy"), ("--predictions", "predictions.npy"), ("--probabilities", "probabilities.npy"),
        ("--from", "from.json"),
      ],
      outputs: [("--html", nil)]),
    Command(
      arguments: ["report", "$S/emb.npy", "$S/emb2.npy", "--train", "$S/train.npy", "$S/train2.npy", "--train-labels", "$S/trn_labels.npy", "--test-labels", "$S/tst_labels.npy"],
      inputs: [("--train", "train.npy"), ("--train", "train2.npy"), ("--train-labels", "trn_labels.npy"), ("--test-labels", "tst_labels.npy")],
      outputs: [("--html", nil)]),
    Command(
      arguments: ["objective", "ntxent", "$S/emb.npy", "$S/emb2.npy", "--bank", "$S/bank.npy"],
      inputs: [("<inputs>", "emb.npy"), ("<inputs>", "emb2.npy"), ("--bank", "bank.npy")], outputs: [("--json-out", nil)]),
    Command(
      arguments: ["objective", "dino", "--teacher", "$S/emb.npy", "--student", "$S/emb2.npy", "--center", "$S/center.npy"],
      inputs: [("--teacher", "emb.npy"), ("--student", "emb2.npy"), ("--center", "center.npy")], outputs: [("--json-out", nil)]),
    Command(
      arguments: [
        "finetune", "--views", "$S/view0.npy", "$S/view1.npy", "--train", "$S/train.npy", "--train-labels", "$S/trn_labels.npy", "--test", "$S/tst.npy",
        "--test-labels", "$S/tst_labels.npy", "--head", "$S/pretrained_head.safetensors", "--out", "$S/run",
      ],
      inputs: [
        ("--views", "view0.npy"), ("--views", "view1.npy"), ("--train", "train.npy"), ("--train-labels", "trn_labels.npy"), ("--test", "tst.npy"),
        ("--test-labels", "tst_labels.npy"), ("--head", "pretrained_head.safetensors"),
      ],
      outputs: [("--json-out", nil), ("--log", nil)]),
    Command(
      arguments: ["adapt", "$S/adapter.safetensors", "$S/emb.npy"], inputs: [("<adapter>", "adapter.safetensors"), ("<input>", "emb.npy")],
      outputs: [("--embeddings-out", nil)]),
  ]

  /// Every output flag of every command at every input of that command, directly (when the
  /// flag accepts the input's name) and through a link.
  static let cases: [ClobberCase] = {
    var cases: [ClobberCase] = []
    for command in commands {
      for output in command.outputs {
        for input in command.inputs {
          if output.ext.map({ input.file.hasSuffix($0) }) ?? true {
            let target = "$S/" + input.file
            cases.append(
              ClobberCase(arguments: command.arguments + [output.flag, target], named: target, outputFlag: output.flag, inputFlag: input.flag))
          }
          let link = "$S/link" + (output.ext ?? ".out")
          cases.append(
            ClobberCase(
              arguments: command.arguments + [output.flag, link], named: link, outputFlag: output.flag, inputFlag: input.flag,
              link: (String(link.dropFirst(3)), input.file)))
        }
      }
    }
    return cases + folderCases
  }()

  /// `--out DIR` (and `--gradient-out DIR`) whose files would replace an input in DIR, with
  /// DIR given as is and through a link to it.
  static let folderCases: [ClobberCase] = {
    typealias FolderCommand = (arguments: [String], flag: String, file: String, input: String)
    let commands: [FolderCommand] = [
      (
        ["compress", "--train", "$S/train.npy", "--train-labels", "$S/trn_labels.npy", "--test", "$S/tst.npy", "--test-labels", "$S/tst_labels.npy", "--keep", "0.5"],
        "--out", "train.npy", "--train"
      ),
      (["objective", "ntxent", "$S/grad_0.npy", "$S/emb2.npy"], "--gradient-out", "grad_0.npy", "<inputs>"),
      (["finetune", "--views", "$S/view0.npy", "$S/view1.npy", "--train", "$S/train.npy"], "--out", "train.npy", "--train"),
    ]
    var cases: [ClobberCase] = []
    for command in commands {
      cases.append(
        ClobberCase(
          arguments: command.arguments + [command.flag, "$S"], named: "$S/" + command.file, outputFlag: command.flag, inputFlag: command.input))
      cases.append(
        ClobberCase(
          arguments: command.arguments + [command.flag, "$S/folder"], named: "$S/folder/" + command.file, outputFlag: command.flag,
          inputFlag: command.input, link: ("folder", ".")))
    }
    return cases
  }()

  @Test("exit 2 before any work naming both flags; every input byte, no output, no temporary file", arguments: cases)
  func refused(_ clobber: ClobberCase) throws {
    let scratch = try Self.inputs()
    defer { scratch.remove() }
    if let link = clobber.link { symlink(scratch.file(link.file), scratch.file(link.name)) }
    let before = Self.snapshot(scratch.path)
    let expand = { (text: String) in text.replacingOccurrences(of: "$S", with: scratch.path) }
    let run = try CLI.run(clobber.arguments.map(expand))
    #expect(run.status == 2, "\(run.stderr)")
    #expect(
      run.stderr == "ssl-quality: \(expand(clobber.named)): \(clobber.outputFlag) names the input given to \(clobber.inputFlag); "
        + "an output never overwrites an input, choose another path\n")
    #expect(run.stdout.isEmpty)
    #expect(Self.snapshot(scratch.path) == before, "the scratch folder changed")
  }

  @Test("an existing file inside an input folder is refused; a new one is not an input")
  func insideInputFolder() throws {
    let scratch = try Self.inputs()
    defer { scratch.remove() }
    let before = Self.snapshot(scratch.path)
    let arguments = ["interpret", "--heatmaps", scratch.file("heatmaps"), "--core-masks", scratch.file("core"), "--csv"]
    let run = try CLI.run(arguments + [scratch.file("core/img_a.png")])
    #expect(run.status == 2)
    #expect(
      run.stderr == "ssl-quality: \(scratch.file("core/img_a.png")): --csv names a file inside the folder given to --core-masks, "
        + "which the run may read; choose another path\n")
    #expect(Self.snapshot(scratch.path) == before)
    #expect(try CLI.run(arguments + [scratch.file("core/pairs.csv")]).status == 0)
  }

  /// A scratch folder with every input the table names.
  static func inputs() throws -> ScratchDirectory {
    let scratch = try ScratchDirectory()
    let manager = FileManager.default
    let matrix = Fixtures.path("hostile/small.npy"), labels = Fixtures.path("hostile/small_labels.npy")
    for name in ["emb", "emb2", "dfrom", "view0", "view1", "train", "train2", "tst", "bank", "grad_0", "probabilities", "center"] {
      try manager.copyItem(atPath: matrix, toPath: scratch.file(name + ".npy"))
    }
    for name in ["labels", "predictions", "trn_labels", "tst_labels"] { try manager.copyItem(atPath: labels, toPath: scratch.file(name + ".npy")) }
    for name in ["adapter", "pretrained_head"] {
      try manager.copyItem(atPath: Fixtures.path("finetune/adapter.safetensors"), toPath: scratch.file(name + ".safetensors"))
    }
    for name in ["heatmaps", "core"] { try manager.copyItem(atPath: Fixtures.path("interpret/plain/" + name), toPath: scratch.file(name)) }
    try scratch.write("ids.txt", Array("a\nb\nc\n".utf8))
    try scratch.write("images.txt", Array("img_a\nimg_b\n".utf8))
    try scratch.write("from.json", Array("{}\n".utf8))
    return scratch
  }

  /// Every entry under `folder` (not following links) with its bytes or link target.
  static func snapshot(_ folder: String) -> [String: Data] {
    var entries: [String: Data] = [:]
    func walk(_ relative: String) {
      let path = relative.isEmpty ? folder : folder + "/" + relative
      for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] {
        let child = relative.isEmpty ? name : relative + "/" + name
        var info = stat()
        guard lstat(folder + "/" + child, &info) == 0 else { continue }
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
          entries[child + "/"] = Data()
          walk(child)
        case S_IFLNK: entries[child + " ->"] = Data(((try? FileManager.default.destinationOfSymbolicLink(atPath: folder + "/" + child)) ?? "").utf8)
        default: entries[child] = FileManager.default.contents(atPath: folder + "/" + child) ?? Data()
        }
      }
    }
    walk("")
    return entries
  }
}
