// ssl-quality · train-step bench — times `finetune`'s own training step: adapter + SimCLR head + NT-Xent.
//
// Usage: train-step-bench BATCH FEATURES HIDDEN STEPS THREADS
// Prints one JSON line: {"seconds_per_step", "steps", "loss"} (the first, warm-up step untimed).
//
// The step is ``FinetuneTrainer/trainStep(_:step:regularizer:context:)``, the one every
// epoch of `finetune` runs: SimCLR (projection D → D → 128 with BatchNorm, NT-Xent at
// temperature 0.5), SGD with momentum 0.9 and weight decay 1e-4 at a peak learning rate of
// 0.01, as the PyTorch reference (benchmarks/reference/train_step_torch.py). R's weights are
// 0, as the reference has no regulariser; the step still measures R's batch figures (mean Q,
// empty share), as every finetune step does.

import Foundation
import SSLQuality
import SSLQualityFinetune
import SSLQualityTraining

let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
guard arguments.count == 5, arguments.allSatisfy({ $0 >= 1 }), arguments[0] >= 2 else {
  FileHandle.standardError.write(Data("usage: train-step-bench BATCH FEATURES HIDDEN STEPS THREADS (BATCH ≥ 2, the others ≥ 1)\n".utf8))
  exit(2)
}
let (batch, features, hidden, steps, threads) = (arguments[0], arguments[1], arguments[2], arguments[3], arguments[4])
// One batch per epoch, one epoch per step (the warm-up step included).
let settings = FinetuneSettings(
  objective: .simclr, features: features, hidden: hidden, headHidden: features, headOutput: 128, epochs: steps + 1,
  batchSize: batch, learningRate: 0.01, optimizer: .sgd, weightDecay: 1e-4, momentum: 0.9, lambda1: 0, lambda2: 0)
var random = SeededGenerator(seed: 1)
let views: [Tensor<Float>] = [random.normalTensor(shape: [batch, features]), random.normalTensor(shape: [batch, features])]
let context = ExecutionContext(threads: threads)

/// The warm-up step, then `steps` timed steps: seconds per step and the last step's objective.
func timeSteps() -> (seconds: Double, loss: Double) {
  var trainer = FinetuneTrainer(settings: settings, samples: batch, features: features)
  let regularizer = settings.regularizer(features: features)
  var loss = trainer.trainStep(views, step: 0, regularizer: regularizer, context: context).objective
  let start = Date()
  for index in 1...steps { loss = trainer.trainStep(views, step: index, regularizer: regularizer, context: context).objective }
  return (Date().timeIntervalSince(start) / Double(steps), loss)
}
let (seconds, loss) = context.blas { timeSteps() }
print("{\"seconds_per_step\": \(seconds), \"steps\": \(steps), \"loss\": \(loss)}")
