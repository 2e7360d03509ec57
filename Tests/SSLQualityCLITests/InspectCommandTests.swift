// ssl-quality · InspectCommandTests.swift — `ssl-quality inspect` end to end.

import Foundation
import Testing
import TestSupport

@Suite("inspect command")
struct InspectCommandTests {
  @Test("JSON follows the documented schema") func jsonSchema() throws {
    let object = try CLI.json(["inspect", "--stats", "fixtures/stats/relu.npy", "fixtures/formats/npz_stored.npz:emb"])
    let files = try #require(object["files"] as? [[String: Any]])
    #expect(files.count == 2)
    let first = files[0]
    #expect(first["path"] as? String == "fixtures/stats/relu.npy")
    #expect(first["format"] as? String == "npy")
    #expect(first["dtype"] as? String == "<f4")
    #expect(first["shape"] as? [Int] == [3000, 37])
    #expect(first["fortran_order"] as? Bool == false)
    #expect(first["bytes"] as? Int == 3000 * 37 * 4 + 128)
    let stats = try #require(first["stats"] as? [String: Any])
    for key in ["min", "max", "mean", "nan", "inf", "zero_rows", "constant_columns", "negative_share"] {
      #expect(stats[key] != nil, "missing stats.\(key)")
    }
    #expect(stats["nan"] as? Int == 16 && stats["zero_rows"] as? Int == 2 && stats["constant_columns"] as? Int == 0)
    #expect(files[1]["path"] as? String == "fixtures/formats/npz_stored.npz:emb")
    #expect(files[1]["format"] as? String == "npz")
  }

  @Test("key order is stable") func keyOrder() throws {
    let result = try CLI.run(["inspect", "--json", "fixtures/formats/labels_i8.npy"])
    #expect(result.stdout == #"{"files":[{"path":"fixtures/formats/labels_i8.npy","format":"npy","dtype":"<i8","shape":[8],"fortran_order":false,"bytes":192}]}"# + "\n")
  }

  @Test("archives and images are listed") func archivesAndImages() throws {
    let object = try CLI.json(["inspect", "fixtures/formats/tensors.safetensors", "fixtures/formats/png_rgb_16.png", "fixtures/formats/jpeg_gray.jpeg"])
    let files = try #require(object["files"] as? [[String: Any]])
    #expect(files.count == 12)
    let png = files[10]
    #expect(png["format"] as? String == "png" && png["dtype"] as? String == "<u2" && png["shape"] as? [Int] == [5, 7, 3])
    #expect(files[11]["format"] as? String == "jpeg" && files[11]["shape"] as? [Int] == [16, 24])
  }

  @Test("human summary names shape, order and statistics") func summary() throws {
    let result = try CLI.run(["inspect", "--stats", "fixtures/formats/npy_i2_be_F.npy"])
    #expect(result.status == 0)
    #expect(result.stdout.contains(">i2  shape (3, 4)  Fortran order"))
    #expect(result.stdout.contains("min -40  max 37"))
    #expect(result.stderr.isEmpty)
  }

  @Test("bad input exits 2 with one line naming the file",
        arguments: [
          ("fixtures/formats/manifest.json", "fixtures/formats/manifest.json: not a .npy, .npz, .safetensors or torch.save (.pt, .pth) file"),
          ("fixtures", "fixtures: is a directory, not a file"),
          ("fixtures/nope.npy", "fixtures/nope.npy: no such file or directory"),
          ("fixtures/formats/npz_stored.npz:nope", "fixtures/formats/npz_stored.npz: no array named 'nope' (the archive holds: emb, labels)"),
        ])
  func badInput(argument: String, message: String) throws {
    let result = try CLI.run(["inspect", argument])
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr == "ssl-quality: \(message)\n")
  }

  @Test("bad usage exits 2, help exits 0") func usage() throws {
    #expect(try CLI.run(["inspect"]).status == 2)
    #expect(try CLI.run(["inspect", "--threads", "0", "fixtures/formats/labels_i8.npy"]).status == 2)
    #expect(try CLI.run(["frobnicate"]).status == 2)
    let help = try CLI.run(["inspect", "--help"])
    #expect(help.status == 0 && help.stdout.contains("--stats"))
  }
}

@Suite("inspect class counts")
struct InspectClassCountTests {
  /// `np.unique(np.load("fixtures/demo/test_labels.npy"), return_counts=True)`.
  static let demoCounts = [200, 203, 214, 190, 219, 195, 197, 200, 194, 188]

  @Test("--stats on a 1-D integer array counts each class, as numpy.unique does") func classCounts() throws {
    let object = try CLI.json(["inspect", "--stats", "fixtures/demo/test_labels.npy"])
    let file = try #require((object["files"] as? [[String: Any]])?.first)
    let classes = try #require(file["class_counts"] as? [String: Any])
    #expect(classes["classes"] as? Int == 10 && classes["smallest"] as? Int == 188 && classes["largest"] as? Int == 219)
    let counts = try #require(classes["counts"] as? [[String: Int]])
    #expect(counts.map { $0["label"] } == (0..<10).map { $0 })
    #expect(counts.map { $0["count"] } == Self.demoCounts)
    let text = try CLI.run(["inspect", "--stats", "fixtures/demo/test_labels.npy"]).stdout
    #expect(text.contains("10 classes (smallest 188, largest 219): 0: 200  1: 203"))
    #expect(!text.contains("zero rows"))
  }

  @Test("float arrays get no class counts") func floatsHaveNone() throws {
    let object = try CLI.json(["inspect", "--stats", "fixtures/demo/test.npy"])
    let file = try #require((object["files"] as? [[String: Any]])?.first)
    #expect(file["class_counts"] == nil)
  }
}
