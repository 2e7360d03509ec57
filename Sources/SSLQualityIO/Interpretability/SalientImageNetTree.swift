// ssl-quality · SalientImageNetTree.swift — Salient ImageNet's soft masks, read from the tree as it ships.

import Foundation
import SSLQuality

/// A Salient ImageNet tree as distributed: for each class `ROOT/<wnid>/image_fnames.csv`
/// (one column per feature index, listing the image stems of that feature) and the soft
/// masks `ROOT/<wnid>/feature_<k>/cams/<stem>.jpeg`; verdicts from the crowd-sourcing CSV.
public struct SalientImageNetTree: Sendable {
  /// One feature of one class whose mask covers an image.
  public struct FeatureMask: Sendable, Equatable {
    public var feature: SalientFeatureVerdicts.Feature
    public var classIndex: Int
    public var kind: MaskKind
    /// The soft mask file.
    public var path: String
  }

  /// Where an image appears: class directory, feature, and the line of `image_fnames.csv`.
  private struct Listing: Sendable {
    var wnid: String, featureIndex: Int, line: Int
  }

  public let root: String
  public let verdicts: SalientFeatureVerdicts
  private let listings: [String: [Listing]]

  /// Indexes every `ROOT/<wnid>/image_fnames.csv`.
  ///
  /// - Throws: ``InputError`` when `root` is not a directory, holds no class directories,
  ///   or an `image_fnames.csv` is malformed (naming file and line).
  public init(root: String, verdicts: SalientFeatureVerdicts) throws {
    self.root = root
    self.verdicts = verdicts
    let manager = FileManager.default
    try FileCheck.directory(root, role: "Salient ImageNet's root directory (holding <wnid>/image_fnames.csv)")
    let classes = ((try? manager.contentsOfDirectory(atPath: root)) ?? [])
      .filter { SalientFeatureVerdicts.isWordNetID($0) && manager.fileExists(atPath: "\(root)/\($0)/image_fnames.csv") }
      .sorted()
    guard !classes.isEmpty else { throw InputError(root, "holds no <wnid>/image_fnames.csv; is this Salient ImageNet's root?") }
    var listings: [String: [Listing]] = [:]
    for wnid in classes {
      let table = try CSVTable(contentsOf: "\(root)/\(wnid)/image_fnames.csv")
      let features = try table.header.map { column -> Int in
        guard let index = Int(column), index >= 0 else {
          throw InputError(table.name, "line 1: column '\(column)' is not a feature index")
        }
        return index
      }
      for record in table.records {
        guard record.fields.count <= features.count else {
          throw InputError(table.name, "line \(record.line): expected \(features.count) fields, found \(record.fields.count)")
        }
        for (column, field) in record.fields.enumerated() {
          let stem = field.trimmingCharacters(in: .whitespaces)
          if !stem.isEmpty { listings[stem, default: []].append(Listing(wnid: wnid, featureIndex: features[column], line: record.line)) }
        }
      }
    }
    self.listings = listings
  }

  /// Every image some feature lists, sorted.
  public var imageIDs: [String] { listings.keys.sorted() }

  /// The masks of `imageID`, one per (class, feature) that lists it, in class and feature order.
  ///
  /// - Throws: ``InputError`` when a feature has no verdict in the crowd-sourcing CSV or a
  ///   listed mask file is missing.
  public func masks(for imageID: String) throws -> [FeatureMask] {
    try (listings[imageID] ?? []).sorted { ($0.wnid, $0.featureIndex) < ($1.wnid, $1.featureIndex) }.map { listing in
      let csv = "\(root)/\(listing.wnid)/image_fnames.csv"
      let feature = SalientFeatureVerdicts.Feature(wnid: listing.wnid, featureIndex: listing.featureIndex)
      guard let verdict = verdicts.verdicts[feature] else {
        throw InputError(
          csv, "line \(listing.line): feature \(listing.featureIndex) of \(listing.wnid) has no answers in \(verdicts.name)")
      }
      let path = "\(root)/\(listing.wnid)/feature_\(listing.featureIndex)/cams/\(imageID).jpeg"
      do {
        try FileCheck.regularFile(path)
      } catch let error as InputError {
        let problem = error.problem == FileCheck.describe(errno: ENOENT) ? "no such mask file" : error.problem
        throw InputError(path, "\(problem) (listed on line \(listing.line) of \(csv))")
      }
      return FeatureMask(feature: feature, classIndex: verdict.classIndex, kind: verdict.kind, path: path)
    }
  }
}
