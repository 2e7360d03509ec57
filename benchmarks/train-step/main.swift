// ssl-quality · train-step bench — times training steps of adapter + SimCLR head + NT-Xent.
//
// Usage: train-step-bench BATCH FEATURES HIDDEN STEPS THREADS
// Prints one JSON line: {"seconds_per_step", "steps", "loss"} (the first, warm-up step untimed).

import Foundation
import SSLQuality
import SSLQualityTraining

let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
guard arguments.count == 5 else {
  FileHandle.standardError.write("usage: train-step-bench BATCH FEATURES HIDDEN STEPS THREADS\n".data(using: .utf8)!)
  exit(2)
}
let (batch, features, hidden, steps, threads) = (arguments[0], arguments[1], arguments[2], arguments[3], arguments[4])
var random = RandomSource(seed: 0)
var trainer = AdapterTrainer(
  features: features, hidden: hidden, projection: 128, optimizer: SGD(momentum: 0.9, weightDecay: 1e-4),
  context: ExecutionContext(threads: threads), random: &random)
let view0: Tensor<Float> = random.normalTensor(shape: [batch, features])
let view1: Tensor<Float> = random.normalTensor(shape: [batch, features])
var loss = trainer.step(view0, view1, learningRate: 0.01)
let start = Date()
for _ in 0..<steps { loss = trainer.step(view0, view1, learningRate: 0.01) }
let seconds = Date().timeIntervalSince(start) / Double(steps)
print("{\"seconds_per_step\": \(seconds), \"steps\": \(steps), \"loss\": \(loss.objective)}")
