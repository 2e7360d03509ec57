// ssl-quality · MemoryTests.swift — tiny files whose headers claim huge sizes: memory follows the data
// actually present (peak RSS of the child, via wait4).

import Testing
import TestSupport

@Suite("hostile inputs: memory from a tiny file")
struct MemoryTests {
  static let cases: [HostileCase] = [
    HostileCase(
      name: "inspect --stats of a 128-byte (0, 2^28) array", arguments: ["inspect", "--stats", "$F/empty_rows_wide.npy"], status: 0,
      message: "", peakMB: 80),
    HostileCase(
      name: "inspect of a 69-byte PNG claiming 32768 × 32768 reads the header only",
      arguments: ["inspect", "$F/claims_32768x32768.png"], status: 0, message: "", peakMB: 80),
    HostileCase(
      name: "inspect --stats of that PNG is refused by the pixel limit before decoding",
      arguments: ["inspect", "--stats", "$F/claims_32768x32768.png"],
      message: "ssl-quality: $F/claims_32768x32768.png: image is 32768x32768 = 1073741824 pixels, more than the limit of 67108864 (PNG)\n",
      peakMB: 80),
    HostileCase(
      name: "inspect of a JPEG claiming 60000 × 60000 reads the header only",
      arguments: ["inspect", "$F/claims_60000x60000.jpeg"], status: 0, message: "", peakMB: 80),
    HostileCase(
      name: "a mask claiming 60000 × 60000 is refused before decoding",
      arguments: ["inspect", "--stats", "$F/claims_60000x60000.jpeg"],
      message: "ssl-quality: $F/claims_60000x60000.jpeg: image is 60000x60000 = 3600000000 pixels, more than the limit of 67108864 (JPEG)\n",
      peakMB: 80),
    HostileCase(
      name: "--threads 100000 allocates buffers for the threads that can be used, not for the request",
      arguments: ["inspect", "--stats", "--threads", "100000", "$F/small.npy"], status: 0, message: "", peakMB: 80),
    HostileCase(
      name: "a .npy header length of 4 GB in a 14-byte file",
      arguments: ["inspect", "$F/huge_header_length.npy"],
      message: "ssl-quality: $F/huge_header_length.npy: header length 4294967280 runs past the end of the file (14 bytes)\n", peakMB: 80),
    HostileCase(
      name: "a 64 kB .npz member inflating to 64 MiB is refused from its header, without extracting it",
      arguments: ["inspect", "$F/bomb.npz"],
      message: "ssl-quality: $F/bomb.npz:x: 67108824 trailing bytes after the data of float32 shape (10,)\n", peakMB: 80),
  ]

  @Test("peak memory stays small", arguments: cases)
  func run(_ hostile: HostileCase) throws {
    try hostile.run()
  }
}
