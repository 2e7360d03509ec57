// swift-tools-version:6.1
import PackageDescription

let package = Package(
  name: "ssl-quality",
  products: [
    .executable(name: "ssl-quality", targets: ["ssl-quality"]),
    .library(name: "SSLQuality", targets: ["SSLQuality"]),
    .library(name: "SSLQualityIO", targets: ["SSLQualityIO"]),
    .library(name: "SSLQualityReport", targets: ["SSLQualityReport"]),
    .library(name: "SSLQualityAnalysis", targets: ["SSLQualityAnalysis"]),
    .library(name: "SSLQualityTraining", targets: ["SSLQualityTraining"]),
    .library(name: "SSLQualityFinetune", targets: ["SSLQualityFinetune"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
  ],
  targets: [
    // MARK: - Public API

    /// Numerics on dense matrices: BLAS/LAPACK wrappers, streaming statistics, metrics.
    .target(name: "SSLQuality", dependencies: ["CBLAS", "CLAPACKE", "CLanes"]),
    /// Readers and writers for .npy, .npz, .safetensors, PNG, JPEG, CSV and JSON.
    .target(
      name: "SSLQualityIO",
      dependencies: [
        "SSLQuality", "CImageCodecs", "CCrypto",
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ]),
    /// The training core: layers with explicit backward passes, optimisers, SSL objectives.
    /// Built with cross-module optimisation so that its generic layers and optimisers are
    /// specialised for `Float` in the modules that train with them (fine-tuning), and
    /// without C's `errno` for square roots (`-fno-math-errno`: the same IEEE results, but
    /// the optimisers' element loops vectorise instead of calling `sqrtf` for every element).
    .target(
      name: "SSLQualityTraining", dependencies: ["SSLQuality", "CBLAS"],
      swiftSettings: [.unsafeFlags(["-cross-module-optimization", "-Xcc", "-fno-math-errno"], .when(configuration: .release))]),
    /// Q-Score-regularised fine-tuning of a residual adapter over dumped view features,
    /// its checkpoints and its adapter, head and history files. (Without `errno` for square
    /// roots, as the training core: the optimisers' loops are specialised here.)
    .target(
      name: "SSLQualityFinetune", dependencies: ["SSLQualityTraining", "SSLQuality", "SSLQualityIO"],
      swiftSettings: [.unsafeFlags(["-Xcc", "-fno-math-errno"], .when(configuration: .release))]),
    /// SVG figures of analysis results and the HTML report (a Mustache template).
    .target(
      name: "SSLQualityReport",
      dependencies: ["SSLQuality", .product(name: "Mustache", package: "swift-mustache")]),
    /// The analyses behind the commands: typed inputs and options in, a `Codable` result out
    /// (the `--json` document), for the command-line program and any other Swift program.
    .target(
      name: "SSLQualityAnalysis",
      dependencies: ["SSLQuality", "SSLQualityIO", "SSLQualityReport", "SSLQualityTraining", "SSLQualityFinetune"]),
    /// The command-line program: argument parsing and presentation only.
    .executableTarget(
      name: "ssl-quality",
      dependencies: [
        "SSLQuality", "SSLQualityIO", "SSLQualityAnalysis", "SSLQualityReport", "SSLQualityTraining", "SSLQualityFinetune",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),

    // MARK: - Implementation details

    .systemLibrary(
      name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
    .systemLibrary(
      name: "CLAPACKE", pkgConfig: "lapacke", providers: [.apt(["liblapacke-dev"])]),
    .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
    .systemLibrary(name: "CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
    .systemLibrary(
      name: "CJPEG", pkgConfig: "libjpeg", providers: [.apt(["libjpeg62-turbo-dev"])]),
    /// setjmp-based error handling for libpng/libjpeg, which Swift cannot express.
    .target(name: "CImageCodecs", dependencies: ["CPNG", "CJPEG"]),
    /// Two inline vector operations Swift cannot spell (see its header).
    .target(name: "CLanes"),

    // MARK: - Benchmarks (see benchmarks/run.py)

    /// Times finetune's training step (adapter + SimCLR head + NT-Xent) against PyTorch's.
    .executableTarget(
      name: "train-step-bench", dependencies: ["SSLQuality", "SSLQualityTraining", "SSLQualityFinetune"], path: "benchmarks/train-step"),

    // MARK: - Example (a program using only the library's public API; see Examples/ScoreExample)

    .executableTarget(name: "score-example", dependencies: ["SSLQualityAnalysis", "SSLQuality"], path: "Examples/ScoreExample/Sources/score-example"),

    // MARK: - Fuzz targets (built with -sanitize=fuzzer, see README)

    .target(name: "CFuzzSupport", path: "Fuzz/Support"),
    .target(name: "FuzzDriver", dependencies: ["CFuzzSupport"], path: "Fuzz/Driver"),
    /// The parses each fuzz target runs, through the libraries' public API.
    .target(name: "FuzzProbes", dependencies: ["SSLQualityIO", "SSLQuality", "SSLQualityFinetune", "SSLQualityTraining"], path: "Fuzz/Probes"),
    .executableTarget(name: "fuzz-npy", dependencies: ["FuzzProbes", "FuzzDriver"], path: "Fuzz/npy"),
    .executableTarget(name: "fuzz-npz", dependencies: ["FuzzProbes", "FuzzDriver"], path: "Fuzz/npz"),
    .executableTarget(name: "fuzz-safetensors", dependencies: ["FuzzProbes", "FuzzDriver"], path: "Fuzz/safetensors"),
    .executableTarget(name: "fuzz-pytorch", dependencies: ["FuzzProbes", "FuzzDriver"], path: "Fuzz/pytorch"),
    .executableTarget(name: "fuzz-csv", dependencies: ["FuzzProbes", "FuzzDriver"], path: "Fuzz/csv"),
    .executableTarget(name: "fuzz-png", dependencies: ["FuzzProbes", "FuzzDriver"], path: "Fuzz/png"),
    .executableTarget(name: "fuzz-jpeg", dependencies: ["FuzzProbes", "FuzzDriver"], path: "Fuzz/jpeg"),
    .executableTarget(name: "fuzz-salient-tree", dependencies: ["FuzzProbes", "FuzzDriver"], path: "Fuzz/salient-tree"),
    .executableTarget(name: "fuzz-checkpoint", dependencies: ["FuzzProbes", "FuzzDriver"], path: "Fuzz/checkpoint"),
    .executableTarget(name: "fuzz-adapter", dependencies: ["FuzzProbes", "FuzzDriver"], path: "Fuzz/adapter"),
    .executableTarget(name: "fuzz-lists", dependencies: ["FuzzProbes", "FuzzDriver"], path: "Fuzz/lists"),

    // MARK: - Unit test bundles

    /// Fixture paths, temporary directories and process helpers shared by the test bundles.
    .target(name: "TestSupport", path: "Tests/TestSupport"),
    .testTarget(name: "SSLQualityTests", dependencies: ["SSLQuality", "TestSupport"]),
    .testTarget(name: "SSLQualityIOTests", dependencies: ["SSLQualityIO", "SSLQuality", "TestSupport"]),
    .testTarget(name: "SSLQualityTrainingTests", dependencies: ["SSLQualityTraining", "SSLQuality", "SSLQualityIO", "TestSupport"]),
    .testTarget(name: "SSLQualityAnalysisTests", dependencies: ["SSLQualityAnalysis", "SSLQualityIO", "SSLQuality", "TestSupport"]),
    .testTarget(name: "SSLQualityReportTests", dependencies: ["SSLQualityReport", "SSLQuality"]),
    .testTarget(name: "SSLQualityFinetuneTests", dependencies: ["SSLQualityFinetune", "SSLQualityTraining", "SSLQuality", "SSLQualityIO", "TestSupport"]),
    .testTarget(
      name: "SSLQualityCLITests", dependencies: ["ssl-quality", "SSLQualityIO", "SSLQuality", "TestSupport"], exclude: ["Golden"]),
  ]
)
