// ssl-quality · WorkBeforeCheckingTests.swift — what can be checked from a header or a path is checked
// before the work that depends on it.

import Testing
import TestSupport

@Suite("hostile inputs: work before checking")
struct WorkBeforeCheckingTests {
  static let cases: [HostileCase] = [
    HostileCase(
      name: "an .npz member whose header disagrees with its size is refused after its first inflated bytes",
      arguments: ["score", "$F/bomb.npz"],
      message: "ssl-quality: $F/bomb.npz:x: 67108824 trailing bytes after the data of float32 shape (10,)\n", peakMB: 80, seconds: 15),
    HostileCase(
      name: "an .npz member of object dtype is refused from its header",
      arguments: ["inspect", "$F/bomb_object.npz"],
      message:
        "ssl-quality: $F/bomb_object.npz:x: object dtype '|O' (pickled Python objects) is not supported (expected f2, f4, f8, i1…i8, u1…u8 or b1)\n",
      peakMB: 80, seconds: 15),
    HostileCase(
      name: "temporary space: a missing TMPDIR is reported before extracting",
      arguments: ["inspect", "--stats", "fixtures/formats/npz_single.npz"],
      message: "ssl-quality: fixtures/formats/npz_single.npz:…", environment: ["TMPDIR": "$S/no-such-directory"]),
    HostileCase(
      name: "compress checks its --csv directory before the sweep",
      arguments: [
        "compress", "--train", "fixtures/demo/train.npy", "--train-labels", "fixtures/demo/train_labels.npy", "--test",
        "fixtures/demo/test.npy", "--test-labels", "fixtures/demo/test_labels.npy", "--csv", "$S/missing/curve.csv",
      ],
      message: "ssl-quality: $S/missing/curve.csv: cannot write --csv: the directory $S/missing does not exist\n", seconds: 5),
  ]

  @Test("refused before the work", arguments: cases)
  func run(_ hostile: HostileCase) throws {
    try hostile.run()
  }
}
