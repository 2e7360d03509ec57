// ssl-quality · TorchArchiveTests.swift — files torch.save wrote read as numpy reads the same tensors.

import Foundation
import Testing
import TestSupport

@testable import SSLQualityIO

/// fixtures/torch/ holds files written by `torch.save` and the `.npy` of each tensor
/// (fixtures/make_torch_fixtures.py).
@Suite("PyTorch files")
struct TorchArchiveTests {
  static func path(_ name: String) -> String { Fixtures.path("torch/" + name) }

  @Test(
    "each tensor has numpy's shape and values, bit for bit: a tensor, a dict's entries, a view with an offset and steps, a transpose, float16, bfloat16, int64 labels",
    arguments: [
      ("tensor.pt", "tensor.npy"), ("dict.pth:feats", "dict.feats.npy"), ("dict.pth:labels", "dict.labels.npy"), ("view.pt", "view.npy"),
      ("transposed.pt", "transposed.npy"), ("half.pt", "half.npy"), ("bfloat16.pt", "bfloat16.npy"), ("trainlabels.pth", "trainlabels.npy"),
    ])
  func matchesNumpy(torch: String, numpy: String) throws {
    let saved = try ArrayFile.open(Self.path(torch)), expected = try ArrayFile.open(Self.path(numpy))
    #expect(saved.format == .pytorch)
    #expect(saved.layout.shape == expected.layout.shape)
    if saved.layout.elementType.isFloatingPoint {
      #expect(saved.floats().map(\.bitPattern) == expected.floats().map(\.bitPattern))
    } else {
      #expect(try saved.labels() == expected.labels())
    }
  }

  @Test("a view that is not contiguous is gathered; contiguous and transposed tensors are read in place")
  func orders() throws {
    #expect(try ArrayFile.open(Self.path("tensor.pt")).layout.fortranOrder == false)
    #expect(try ArrayFile.open(Self.path("transposed.pt")).layout.fortranOrder == true)
    let view = try ArrayFile.open(Self.path("view.pt"))
    #expect(view.layout.shape == [4, 3] && view.file == nil)
  }

  @Test("a dictionary lists its tensors; without a key it asks for one")
  func dictionary() throws {
    #expect(try ArrayFile.openAll(Self.path("dict.pth")).map(\.name) == ["feats", "labels"].map { Self.path("dict.pth") + ":" + $0 })
    #expect(throws: InputError(Self.path("dict.pth"), "the file holds 2 tensors (feats, labels); name one as \(Self.path("dict.pth")):KEY")) {
      try ArrayFile.open(Self.path("dict.pth"))
    }
    #expect(throws: InputError(Self.path("dict.pth"), "no tensor named 'x' (the file holds: feats, labels)")) {
      try ArrayFile.open(Self.path("dict.pth") + ":x")
    }
  }

  @Test("a pickle naming any other global is refused by name, and nothing runs", arguments: [
    ("unknown_class.pt", "__main__.Unknown"), ("runs_system.pt", "posix.system"),
  ])
  func foreignGlobals(file: String, global: String) throws {
    try? FileManager.default.removeItem(atPath: "/tmp/ssl-quality-pickle-ran")
    #expect(
      throws: InputError(Self.path(file), "the pickle names the global '\(global)', which a saved tensor does not need; nothing was run")
    ) { try ArrayFile.openAll(Self.path(file)) }
    #expect(!FileManager.default.fileExists(atPath: "/tmp/ssl-quality-pickle-ran"))
  }

  @Test("the legacy format is named as such")
  func legacy() {
    #expect(
      throws: InputError(Self.path("legacy.pt"), "PyTorch's legacy format (before 1.6) is not read; load it in PyTorch and torch.save it again")
    ) { try ArrayFile.open(Self.path("legacy.pt")) }
  }
}
