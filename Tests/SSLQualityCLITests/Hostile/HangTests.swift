// ssl-quality · HangTests.swift — special files that used to block a read forever are refused up front.

import Testing
import TestSupport

@Suite("hostile inputs: hang")
struct HangTests {
  static let interpret = ["interpret", "--heatmaps", "fixtures/interpret/salient_heatmaps.npy"]
  static let fifo = "ssl-quality: $S/fifo.npy: is a FIFO (named pipe), not a regular file\n"

  static let cases: [HostileCase] = [
    HostileCase(name: "inspect of a FIFO", arguments: ["inspect", "$S/fifo.npy"], message: fifo, seconds: 10),
    HostileCase(
      name: "inspect of a FIFO named .png", arguments: ["inspect", "$S/fifo.png"],
      message: "ssl-quality: $S/fifo.png: is a FIFO (named pipe), not a regular file\n", seconds: 10),
    HostileCase(name: "features of a FIFO", arguments: ["features", "$S/fifo.npy"], message: fifo, seconds: 10),
    HostileCase(
      name: "score with FIFO labels",
      arguments: ["score", "$F/small.npy", "--labels", "$S/fifo.npy", "--predictions", "$F/small_labels.npy"], message: fifo,
      seconds: 10),
    HostileCase(
      name: "probe with a FIFO train split",
      arguments: ["probe", "--train", "$S/fifo.npy", "--train-labels", "$F/small_labels.npy", "--test", "$F/small.npy", "--test-labels", "$F/small_labels.npy"],
      message: fifo, seconds: 10),
    HostileCase(
      name: "interpret with a FIFO image list",
      arguments: interpret + ["--images", "$S/fifo.csv", "--salient-imagenet", "fixtures/interpret/salient", "--mturk", "fixtures/interpret/mturk.csv"],
      message: "ssl-quality: $S/fifo.csv: is a FIFO (named pipe), not a regular file\n", seconds: 10),
    HostileCase(
      name: "interpret with a FIFO crowd-sourcing CSV",
      arguments: interpret + ["--images", "fixtures/interpret/salient_images.txt", "--salient-imagenet", "fixtures/interpret/salient", "--mturk", "$S/fifo.csv"],
      message: "ssl-quality: $S/fifo.csv: is a FIFO (named pipe), not a regular file\n", seconds: 10),
    HostileCase(
      name: "inspect of a character device", arguments: ["inspect", "/dev/zero"],
      message: "ssl-quality: /dev/zero: is a character device, not a regular file\n", seconds: 10),
  ]

  @Test("refused at once", arguments: cases)
  func run(_ hostile: HostileCase) throws {
    try hostile.run()
  }
}
