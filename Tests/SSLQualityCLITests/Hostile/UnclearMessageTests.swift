// ssl-quality · UnclearMessageTests.swift — problems named in plain words, control characters escaped,
// exact integers.

import Testing
import TestSupport

@Suite("hostile inputs: unclear message")
struct UnclearMessageTests {
  static let interpret = ["interpret", "--heatmaps", "fixtures/interpret/salient_heatmaps.npy"]
  static let images = ["--images", "fixtures/interpret/salient_images.txt"]
  static let tree = ["--salient-imagenet", "fixtures/interpret/salient"]
  static let mturk = ["--mturk", "fixtures/interpret/mturk.csv"]
  static let probe = ["probe", "--train", "$F/small.npy", "--test", "$F/small.npy", "--test-labels", "$F/small_labels.npy"]

  static let cases: [HostileCase] = [
    HostileCase(
      name: "a directory as --images", arguments: interpret + ["--images", "$S/directory.npy"] + tree + mturk,
      message: "ssl-quality: $S/directory.npy: is a directory, not a file\n"),
    HostileCase(
      name: "a symbolic link loop as --mturk", arguments: interpret + images + tree + ["--mturk", "$S/loop_a"],
      message: "ssl-quality: $S/loop_a: symbolic link loop\n"),
    HostileCase(
      name: "a symbolic link loop as the Salient ImageNet root", arguments: interpret + images + ["--salient-imagenet", "$S/loop_a"] + mturk,
      message: "ssl-quality: $S/loop_a: symbolic link loop\n"),
    HostileCase(
      name: "a file as the Salient ImageNet root",
      arguments: interpret + images + ["--salient-imagenet", "fixtures/interpret/mturk.csv"] + mturk,
      message:
        "ssl-quality: fixtures/interpret/mturk.csv: is a regular file, expected Salient ImageNet's root directory (holding <wnid>/image_fnames.csv)\n"),
    HostileCase(
      name: "a symbolic link loop as a mask directory",
      arguments: ["interpret", "--heatmaps", "fixtures/interpret/plain/heatmaps", "--core-masks", "$S/loop_a"],
      message: "ssl-quality: $S/loop_a: symbolic link loop\n"),
    HostileCase(
      name: "a symbolic link loop as an embedding file", arguments: ["score", "$S/loop_a"],
      message: "ssl-quality: $S/loop_a: symbolic link loop\n"),
    HostileCase(
      name: "a missing file", arguments: ["features", "$S/missing.npy"],
      message: "ssl-quality: $S/missing.npy: no such file or directory\n"),
    HostileCase(
      name: "an encrypted .npz member is named as such", arguments: ["inspect", "$F/encrypted.npz"],
      message: "ssl-quality: $F/encrypted.npz: archive member 'x.npy' is encrypted; encrypted archive members are not supported\n"),
    HostileCase(
      name: "the largest uint64 label printed exactly", arguments: probe + ["--train-labels", "$F/labels_u64_max.npy"],
      message: "ssl-quality: $F/labels_u64_max.npy: label 18446744073709551615 at index 1 does not fit a 64-bit signed integer\n"),
    HostileCase(
      name: "a fractional label printed as stored", arguments: probe + ["--train-labels", "$F/labels_fraction.npy"],
      message: "ssl-quality: $F/labels_fraction.npy: expected integer labels, found 0.5 at index 0\n"),
    HostileCase(
      name: "NUL and an escape sequence in a CSV field are escaped",
      arguments: interpret + images + tree + ["--mturk", "$F/mturk_control.csv"],
      message:
        "ssl-quality: $F/mturk_control.csv: line 2: Answer.main is 'main\\u{0}\\u{1B}[31mobject', expected main_object, background or separate_object\n"),
    HostileCase(
      name: "control characters in a file name are escaped", arguments: ["inspect", "$S/a\u{1}\u{1B}[31mb.npy"],
      message: "ssl-quality: $S/a\\u{1}\\u{1B}[31mb.npy: no such file or directory\n"),
    HostileCase(
      name: "a usage error is two lines", arguments: ["inspect", "$F/small.npy", "--bogus"],
      message: "ssl-quality: Unknown option '--bogus'\nsee 'ssl-quality inspect --help'\n"),
    HostileCase(
      name: "--epsilon -1 gets the range message", arguments: ["features", "$F/small.npy", "--epsilon", "-1"],
      message: "ssl-quality: --epsilon must be a finite number ≥ 0, got -1.0\nsee 'ssl-quality features --help'\n"),
    HostileCase(
      name: "--threads 0 gets the range message", arguments: ["inspect", "$F/small.npy", "--threads", "0"],
      message: "ssl-quality: --threads must be at least 1, got 0\nsee 'ssl-quality inspect --help'\n"),
  ]

  @Test("says what is wrong in plain words", arguments: cases)
  func run(_ hostile: HostileCase) throws {
    try hostile.run()
  }
}
