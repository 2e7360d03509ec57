// ssl-quality · BLASKernelTests.swift — the kernel pass of `make test` really runs the OpenBLAS kernel it names.

import CBLAS
import Foundation
import Testing

@Suite("BLAS kernel")
struct BLASKernelTests {
  /// OpenBLAS's build options and the name of the core type whose kernels run.
  static let config = String(cString: openblas_get_config()), core = String(cString: openblas_get_corename())
  /// The core type asked for, when OpenBLAS can run another than its own (a DYNAMIC_ARCH build).
  static let asked = ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"].flatMap { $0.isEmpty || !config.contains("DYNAMIC_ARCH") ? nil : $0 }

  @Test("OPENBLAS_CORETYPE selects the kernel that runs", .enabled(if: asked != nil))
  func selectedKernel() {
    #expect(Self.core.lowercased() == Self.asked?.lowercased(), "asked for \(Self.asked ?? ""), running \(Self.core) (\(Self.config))")
  }
}
