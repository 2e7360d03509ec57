// ssl-quality · main.swift — a Swift program that scores embeddings through the SSLQualityAnalysis library.

import Foundation
import SSLQuality
import SSLQualityAnalysis

// Usage: score-example EMB [EPSILON]
// Prints |Dset|, the number of samples with Q = 0 and the mean Q, then the result as JSON.
let arguments = CommandLine.arguments
guard (2...3).contains(arguments.count), let epsilon = Double(arguments.count == 3 ? arguments[2] : "4") else {
  FileHandle.standardError.write(Data("usage: score-example EMB [EPSILON]\n".utf8))
  exit(2)
}
var analysis = ScoreAnalysis(embeddings: arguments[1])
analysis.epsilon = epsilon
do {
  let outcome = try analysis.run(context: ExecutionContext(threads: 1), notices: .silent)
  let result = outcome.result
  print("|Dset| = \(result.discriminativeCount), Q = 0 for \(result.emptyCount) of \(result.samples), mean Q \(result.q.mean)")
  print(try ResultJSON.text(result))
} catch {
  FileHandle.standardError.write(Data("score-example: \(error)\n".utf8))
  exit(2)
}
