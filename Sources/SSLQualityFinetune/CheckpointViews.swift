// ssl-quality · CheckpointViews.swift — the views a checkpoint belongs to: their number, shape and a digest of their content.

import SSLQuality
import SSLQualityIO

/// The views a run trains on, as its checkpoint records them: a checkpoint continues only
/// a run over the same number of views of the same shape and the same values.
public struct CheckpointViews: Sendable, Equatable {
  /// Number of views, and their rows (samples) and columns (features).
  public var count: Int, samples: Int, features: Int
  /// SHA-256 of every view's shape and float32 elements, in view order
  /// (``SHA256Digest``: each shape, then the elements).
  public var digest: [UInt8]

  /// The record of `views` (aligned matrices of one shape; at least one).
  public init(_ views: [Matrix]) throws {
    let hash = try SHA256Digest(name: "--views")
    for view in views { hash.update(view) }
    digest = try hash.finish()
    count = views.count
    samples = views.first?.rows ?? 0
    features = views.first?.columns ?? 0
  }
}
