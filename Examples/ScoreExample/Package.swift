// swift-tools-version:6.1
// A separate package that depends on ssl-quality's library product, as another project would:
//   swift build --package-path Examples/ScoreExample && Examples/ScoreExample/.build/debug/score fixtures/demo/test.npy
import PackageDescription

let package = Package(
  name: "ScoreExample",
  dependencies: [.package(name: "ssl-quality", path: "../..")],
  targets: [
    .executableTarget(
      name: "score",
      dependencies: [.product(name: "SSLQualityAnalysis", package: "ssl-quality")],
      path: "Sources/score-example"),
  ]
)
