// ssl-quality · DINOOptions.swift — DINO's loss knobs, shared by `objective` and `finetune`.

import ArgumentParser

/// DINO's temperatures and centre momentum; `nil` means lightly's `DINOLoss` default.
struct DINOOptions: ParsableArguments {
  @Option(help: "dino: teacher temperature (0.04).") var teacherTemperature: Double?
  @Option(help: "dino: student temperature (0.1).") var studentTemperature: Double?
  @Option(help: "dino: centre momentum (0.9).") var centerMomentum: Double?
}
