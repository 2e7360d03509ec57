// ssl-quality · DINOOptions.swift — DINO's loss knobs, shared by `objective` and `finetune`.

import ArgumentParser
import SSLQualityTraining

/// DINO's temperatures and centre momentum; `nil` means lightly's `DINOLoss` default.
struct DINOOptions: ParsableArguments {
  @Option(help: "dino: teacher temperature (\(defaultText(DINO.defaultTeacherTemperature))).") var teacherTemperature: Double?
  @Option(help: "dino: student temperature (\(defaultText(DINO.defaultStudentTemperature))).") var studentTemperature: Double?
  @Option(help: "dino: centre momentum (\(defaultText(DINO.defaultCenterMomentum))).") var centerMomentum: Double?
}
