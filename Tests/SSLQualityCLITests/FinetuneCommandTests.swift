// ssl-quality · FinetuneCommandTests.swift — `ssl-quality finetune` and `adapt` end to end.

import Foundation
import Testing
import TestSupport

@testable import SSLQualityIO

@Suite("finetune command", .serialized)
struct FinetuneCommandTests {
  let views = ["--views", "fixtures/finetune/view0.npy", "fixtures/finetune/view1.npy"]
  let splits = [
    "--train", "fixtures/finetune/train.npy", "--train-labels", "fixtures/finetune/train_labels.npy", "--test",
    "fixtures/finetune/test.npy", "--test-labels", "fixtures/finetune/test_labels.npy",
  ]

  @Test("λ1 = λ2 = 0 and lr 0 leave the embeddings exactly as they were") func identity() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let result = try CLI.run(
      ["finetune"] + views + splits + ["--lambda1", "0", "--lambda2", "0", "--lr", "0", "--epochs", "2", "--batch-size", "64", "--out", scratch.path])
    #expect(result.status == 0, "\(result.stderr)")
    for split in ["train", "test"] {
      let input = try ArrayFile.open(Fixtures.path("finetune/\(split).npy")).floats()
      #expect(try ArrayFile.open(scratch.file("\(split).npy")).floats() == input)
    }
  }

  @Test("outputs, JSON and the three-way report; adapt reproduces train.npy") func outputs() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let object = try CLI.json(["finetune"] + views + splits + ["--epochs", "2", "--batch-size", "64", "--control", "--out", scratch.path])
    let runs = object["runs"] as? [[String: Any]] ?? []
    #expect(runs.map { $0["label"] as? String } == ["without_r", "with_r"])
    let evaluation = runs.last?["evaluation"] as? [String: Any] ?? [:]
    for key in ["probe_accuracy", "knn_accuracy", "q_auroc", "q_auprc_correct", "empty_share", "discriminative_count", "mean_column_l1"] {
      #expect(evaluation[key] != nil, "missing \(key)")
    }
    #expect((object["before"] as? [String: Any])?["probe_accuracy"] != nil)
    for name in ["adapter.safetensors", "head.safetensors", "history.csv", "finetune.json", "loss.svg", "train.npy", "test.npy", "checkpoint.safetensors"] {
      #expect(FileManager.default.fileExists(atPath: scratch.file(name)), "missing \(name)")
    }
    #expect(FileManager.default.fileExists(atPath: scratch.file("control/adapter.safetensors")))
    let csv = try String(contentsOfFile: scratch.file("history.csv"), encoding: .utf8)
    #expect(csv.hasPrefix("epoch,objective,r,q_mean,empty_share,active_share,lr\n1,"))
    let adapted = try CLI.run(["adapt", scratch.file("adapter.safetensors"), "fixtures/finetune/train.npy", "--embeddings-out", scratch.file("again.npy"), "--block-rows", "10"])
    #expect(adapted.status == 0, "\(adapted.stderr)")
    #expect(try ArrayFile.open(scratch.file("again.npy")).floats() == ArrayFile.open(scratch.file("train.npy")).floats())
  }

  @Test("the text report puts before, after without R and after with R side by side") func threeColumns() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let result = try CLI.run(["finetune"] + views + splits + ["--epochs", "1", "--batch-size", "64", "--control", "--out", scratch.path])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    let header = lines.first { $0.contains("before") }?.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    #expect(header == "before after without R after with R")
    for figure in ["probe accuracy", "kNN accuracy", "Q AUROC (mistakes)", "Q AUPRC-correct", "base rate", "empty L_i ∩ Dset", "|Dset|", "mean |z_ij|"] {
      let row = lines.first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(figure) }
      #expect(row.map { $0.dropFirst(figure.count + 2).split(separator: " ").count } == 3, "\(figure): \(row ?? "missing")")
    }
  }

  @Test("the header names the method's own knobs") func methodHeader() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let moco = try CLI.run(["finetune"] + views + ["--objective", "moco", "--memory-bank-size", "64", "--epochs", "1", "--batch-size", "64", "--out", scratch.file("moco")])
    #expect(moco.status == 0, "\(moco.stderr)")
    #expect(moco.stdout.split(separator: "\n").first?.hasSuffix("; queue 64") == true, "\(moco.stdout)")
    let dino = try CLI.run(
      ["finetune"] + views + ["fixtures/finetune/train.npy", "--objective", "dino", "--head-output", "32", "--epochs", "1", "--batch-size", "64", "--out", scratch.file("dino")])
    #expect(dino.status == 0, "\(dino.stderr)")
    #expect(dino.stdout.hasPrefix("finetune: dino, 3 views of 256 × 16"), "\(dino.stdout)")
    #expect(dino.stdout.contains("; bottleneck 2, teacher τ 0.04, student τ 0.1, centre momentum 0.9"), "\(dino.stdout)")
  }

  @Test("--log-every step writes one JSON line per step, --log-every epoch one per epoch", arguments: ["step", "epoch"])
  func logEvery(granularity: String) throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let log = scratch.file("log.jsonl")
    let result = try CLI.run(
      ["finetune"] + views + ["--epochs", "2", "--batch-size", "64", "--log", log, "--log-every", granularity, "--out", scratch.file("out")])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
    let objects = try lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:] }
    let steps = granularity == "step"
    #expect(objects.count == (steps ? 8 : 2))
    #expect(objects.map { $0["epoch"] as? Int } == (steps ? [1, 1, 1, 1, 2, 2, 2, 2] : [1, 2]))
    #expect(objects.map { $0["step"] as? Int } == (steps ? [1, 2, 3, 4, 1, 2, 3, 4] : [nil, nil]))
    for object in objects {
      for key in ["run", "objective", "r", "q_mean", "empty_share", "active_share", "lr"] { #expect(object[key] != nil, "missing \(key)") }
    }
  }

  @Test(
    "bad inputs exit 2 naming the file and the problem, and write nothing",
    arguments: [
      (["--views", "fixtures/finetune/view0.npy", "fixtures/finetune/short.npy"], "fixtures/finetune/short.npy: has 255 × 16"),
      (["--views", "fixtures/finetune/view0.npy", "fixtures/finetune/narrow.npy"], "fixtures/finetune/narrow.npy: has 256 × 15"),
      (["--views", "fixtures/finetune/view0.npy", "fixtures/finetune/nan.npy"], "fixtures/finetune/nan.npy: 1 row holds NaN or Inf (first: 17)"),
      (["--views", "fixtures/finetune/view0.npy", "fixtures/finetune/view1.npy", "--lambda1=-1e-4"], "--lambda1 must be a finite number ≥ 0"),
      (["--views", "fixtures/finetune/view0.npy", "fixtures/finetune/view1.npy", "--lambdas=0,-1"], "--lambdas must hold finite numbers ≥ 0"),
      (
        ["--views", "fixtures/finetune/view0.npy", "fixtures/finetune/view1.npy", "--head", "fixtures/finetune/head_unknown.safetensors"],
        "fixtures/finetune/head_unknown.safetensors: unknown head key 'projection_head.layers.9.weight'"
      ),
      (["--views", "fixtures/finetune/view0.npy", "fixtures/finetune/view1.npy", "--log-every", "step"], "--log-every step needs --log"),
      (
        ["--views", "fixtures/finetune/view0.npy", "fixtures/finetune/view1.npy", "fixtures/finetune/view0.npy"],
        "--objective simclr takes exactly two views, got 3"
      ),
      (
        ["--views", "fixtures/finetune/view0.npy", "fixtures/finetune/view1.npy", "--objective", "moco", "--memory-bank-size", "0"],
        "--memory-bank-size must be at least 1, got 0"
      ),
      (
        ["--views", "fixtures/finetune/view0.npy", "fixtures/finetune/view1.npy", "--memory-bank-size", "64"],
        "--memory-bank-size applies to --objective moco only, not simclr"
      ),
      (
        ["--views", "fixtures/finetune/view0.npy", "fixtures/finetune/view1.npy", "--objective", "dino", "--teacher-temperature", "0"],
        "--teacher-temperature must be a finite number > 0"
      ),
      (
        ["--views", "fixtures/finetune/view0.npy", "fixtures/finetune/view1.npy", "fixtures/finetune/narrow.npy", "--objective", "swav"],
        "fixtures/finetune/narrow.npy: has 256 × 15"
      ),
    ])
  func badInputs(arguments: [String], message: String) throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let out = scratch.file("out")
    let result = try CLI.run(["finetune"] + arguments + ["--epochs", "1", "--batch-size", "64", "--out", out])
    #expect(result.status == 2)
    #expect(result.stderr.contains(message), "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  @Test(
    "a run killed with SIGKILL and resumed ends bit-identical to an uninterrupted run",
    arguments: [
      ["--objective", "simclr"],
      // DINO with a third (local) view: momentum teacher and centre travel in the checkpoint.
      ["--objective", "dino", "--head-output", "64", "--views", "fixtures/finetune/view0.npy", "fixtures/finetune/view1.npy", "fixtures/finetune/train.npy"],
    ])
  func killAndResume(method: [String]) throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let viewArguments = method.contains("--views") ? [] : views
    let arguments = ["finetune"] + viewArguments + method + ["--train", "fixtures/finetune/train.npy", "--epochs", "30", "--batch-size", "128", "--threads", "1"]
    let straight = try CLI.run(arguments + ["--out", scratch.file("straight")])
    #expect(straight.status == 0, "\(straight.stderr)")

    let killed = scratch.file("killed")
    let process = try CLI.start(arguments + ["--out", killed], stderr: .discard)
    let checkpoint = killed + "/checkpoint.safetensors"
    while process.isRunning && !FileManager.default.fileExists(atPath: checkpoint) { usleep(1_000) }
    process.send(SIGKILL)
    #expect(try process.wait() == .signalled(SIGKILL), "the run finished before it could be killed")
    #expect(!FileManager.default.fileExists(atPath: killed + "/adapter.safetensors"))

    let resumed = try CLI.run(arguments + ["--out", killed, "--resume"])
    #expect(resumed.status == 0, "\(resumed.stderr)")
    #expect(resumed.stderr.contains("resumed after epoch"))
    for name in ["adapter.safetensors", "head.safetensors", "history.csv", "train.npy", "checkpoint.safetensors"] {
      let a = try Data(contentsOf: URL(fileURLWithPath: scratch.file("straight/" + name)))
      let b = try Data(contentsOf: URL(fileURLWithPath: killed + "/" + name))
      #expect(a == b, "\(name) differs")
    }
  }

  @Test(
    "every objective gives the same adapter, head, history and embeddings at --threads 1 and 2",
    arguments: ["simclr", "moco", "byol", "simsiam", "vicreg", "barlowtwins", "swav", "dino"])
  func threadCounts(objective: String) throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    // Hidden widths of 512 make products of several blocks (SwAV adds its 3000 prototypes).
    let arguments =
      ["finetune"] + views + [
        "--objective", objective, "--train", "fixtures/finetune/train.npy", "--hidden", "512", "--head-hidden", "512", "--epochs", "2",
        "--batch-size", "128",
      ]
    for threads in ["1", "2"] {
      let run = try CLI.run(arguments + ["--threads", threads, "--out", scratch.file(threads)])
      #expect(run.status == 0, "\(run.stderr)")
    }
    for name in ["adapter.safetensors", "head.safetensors", "history.csv", "train.npy"] {
      let one = try Data(contentsOf: URL(fileURLWithPath: scratch.file("1/" + name)))
      let two = try Data(contentsOf: URL(fileURLWithPath: scratch.file("2/" + name)))
      #expect(one == two, "\(name) differs between --threads 1 and 2")
    }
  }

  @Test("--json and --json-out give the same one-line document, with null where the loss stopped being finite")
  func jsonLine() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    // A learning rate of 10^30 overflows the adapter's products after the first step: the
    // epoch's mean objective is not finite and the guard stops the run.
    let run = try CLI.run(
      ["finetune"] + views + ["--lr", "1e30", "--epochs", "2", "--batch-size", "64", "--out", scratch.file("run"), "--json-out", scratch.file("f.json"), "--json"])
    #expect(run.status == 0, "\(run.stderr)")
    let written = try String(contentsOfFile: scratch.file("f.json"), encoding: .utf8)
    #expect(written == run.stdout)
    #expect(written == (try String(contentsOfFile: scratch.file("run/finetune.json"), encoding: .utf8)))
    #expect(written.hasSuffix("}\n") && written.filter { $0 == "\n" }.count == 1, "\(written)")
    let object = try JSONSerialization.jsonObject(with: Data(written.utf8)) as? [String: Any] ?? [:]
    let runs = object["runs"] as? [[String: Any]] ?? []
    #expect((runs.first?["collapse"] as? [String: Any])?["reason"] as? String == "non_finite", "\(written)")
    let history = runs.first?["history"] as? [[String: Any]] ?? []
    #expect(history.first?["objective"] is NSNull, "\(written)")
    #expect(!written.contains("\"nan\"") && !written.contains("\"inf\""), "\(written)")
  }
}
