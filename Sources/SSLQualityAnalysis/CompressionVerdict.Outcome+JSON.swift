// ssl-quality · CompressionVerdict.Outcome+JSON.swift — how a compression verdict's outcome is written as JSON.

import SSLQuality

/// ``CompressionVerdict/Outcome`` as the `outcome` string of `compress`'s verdict: its raw
/// value (`above_random`, `below_random`, `within_random_spread`, `no_random_spread`).
extension CompressionVerdict.Outcome: Codable {}

/// ``CompressionVerdict/SamplingOutcome`` as the `sampling_outcome` string: its raw value
/// (`above_random`, `below_random`, `within_sampling_error`, `no_random_rankings`).
extension CompressionVerdict.SamplingOutcome: Codable {}
