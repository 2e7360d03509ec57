// ssl-quality · FinetuneSettingsJSON.swift — how a fine-tuning run's knobs are written in finetune's JSON and read back.

import SSLQualityFinetune

/// ``FinetuneSettings`` as the `settings` object of `finetune`'s JSON: its keys in the order
/// below; a method's own knobs (`memory_bank_size`, `prototypes`, DINO's) left out when the
/// method has none. The settings' own `Codable` (in the fine-tuning library) is the text
/// the checkpoint digest hashes, with other keys, and stays as it is so existing
/// checkpoints still resume; this wrapper writes the document's keys instead.
struct FinetuneSettingsJSON: Codable {
  var settings: FinetuneSettings

  init(_ settings: FinetuneSettings) { self.settings = settings }

  enum CodingKeys: String, OrderedCodingKey {
    case band, batchSize = "batch_size", centerMomentum = "center_momentum", collapseThreshold = "collapse_threshold"
    case epochs, epsilon, headBottleneck = "head_bottleneck", headHidden = "head_hidden", headOutput = "head_output", hidden
    case lambda1, lambda2, learningRate = "learning_rate", memoryBankSize = "memory_bank_size", momentum, objective
    case optimizer, prototypes, reduction, seed, studentTemperature = "student_temperature"
    case teacherTemperature = "teacher_temperature", warmupEpochs = "warmup_epochs", weightDecay = "weight_decay"
  }

  init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let hidden = try c.decode(Int.self, forKey: .hidden)
    var s = FinetuneSettings(objective: try c.decode(FinetuneObjective.self, forKey: .objective), features: hidden)
    (s.hidden, s.headHidden, s.headOutput) = (hidden, try c.decode(Int.self, forKey: .headHidden), try c.decode(Int.self, forKey: .headOutput))
    (s.epochs, s.batchSize) = (try c.decode(Int.self, forKey: .epochs), try c.decode(Int.self, forKey: .batchSize))
    s.learningRate = try c.decode(Double.self, forKey: .learningRate)
    s.optimizer = try c.decode(OptimizerKind.self, forKey: .optimizer)
    s.warmupEpochs = try c.decode(Int.self, forKey: .warmupEpochs)
    s.weightDecay = try c.decode(Double.self, forKey: .weightDecay)
    s.momentum = try c.decode(Double.self, forKey: .momentum)
    s.seed = try c.decode(UInt64.self, forKey: .seed)
    (s.lambda1, s.lambda2) = (try c.decode(Double.self, forKey: .lambda1), try c.decode(Double.self, forKey: .lambda2))
    (s.epsilon, s.band) = (try c.decode(Double.self, forKey: .epsilon), try c.decode([Double].self, forKey: .band))
    s.reduction = try c.decode(RegularizerReduction.self, forKey: .reduction)
    s.collapseThreshold = try c.decode(Double.self, forKey: .collapseThreshold)
    s.memoryBankSize = try c.decodeIfPresent(Int.self, forKey: .memoryBankSize)
    s.prototypes = try c.decodeIfPresent(Int.self, forKey: .prototypes)
    s.headBottleneck = try c.decodeIfPresent(Int.self, forKey: .headBottleneck)
    s.teacherTemperature = try c.decodeIfPresent(Double.self, forKey: .teacherTemperature)
    s.studentTemperature = try c.decodeIfPresent(Double.self, forKey: .studentTemperature)
    s.centerMomentum = try c.decodeIfPresent(Double.self, forKey: .centerMomentum)
    settings = s
  }

  func encode(to encoder: any Encoder) throws {
    let s = settings
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(s.band, forKey: .band)
    try c.encode(s.batchSize, forKey: .batchSize)
    try c.encodeIfPresent(s.centerMomentum, forKey: .centerMomentum)
    try c.encode(s.collapseThreshold, forKey: .collapseThreshold)
    try c.encode(s.epochs, forKey: .epochs)
    try c.encode(s.epsilon, forKey: .epsilon)
    try c.encodeIfPresent(s.headBottleneck, forKey: .headBottleneck)
    try c.encode(s.headHidden, forKey: .headHidden)
    try c.encode(s.headOutput, forKey: .headOutput)
    try c.encode(s.hidden, forKey: .hidden)
    try c.encode(s.lambda1, forKey: .lambda1)
    try c.encode(s.lambda2, forKey: .lambda2)
    try c.encode(s.learningRate, forKey: .learningRate)
    try c.encodeIfPresent(s.memoryBankSize, forKey: .memoryBankSize)
    try c.encode(s.momentum, forKey: .momentum)
    try c.encode(s.objective, forKey: .objective)
    try c.encode(s.optimizer, forKey: .optimizer)
    try c.encodeIfPresent(s.prototypes, forKey: .prototypes)
    try c.encode(s.reduction, forKey: .reduction)
    try c.encode(s.seed, forKey: .seed)
    try c.encodeIfPresent(s.studentTemperature, forKey: .studentTemperature)
    try c.encodeIfPresent(s.teacherTemperature, forKey: .teacherTemperature)
    try c.encode(s.warmupEpochs, forKey: .warmupEpochs)
    try c.encode(s.weightDecay, forKey: .weightDecay)
  }
}
