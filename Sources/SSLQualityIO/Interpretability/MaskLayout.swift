// ssl-quality · MaskLayout.swift — where each image's core and spurious masks are.

import SSLQuality

/// The masks of the listed images: a plain layout (a directory of core masks and/or one of
/// spurious masks, by image id) or a Salient ImageNet tree with its crowd-sourced verdicts.
public enum MaskLayout: Sendable {
  case plain(core: ImageDirectory?, spurious: ImageDirectory?)
  /// Salient ImageNet; `perFeature` keeps one mask per (image, feature) instead of one
  /// per (image, kind).
  case salientImageNet(SalientImageNetTree, perFeature: Bool)

  /// Opens the plain directories, or the Salient ImageNet root with the crowd-sourcing CSV.
  ///
  /// - Precondition: either a mask directory, or both `salientRoot` and `mturk`.
  public static func open(
    coreMasks: String?, spuriousMasks: String?, salientRoot: String?, mturk: String?, perFeature: Bool = false
  ) throws -> MaskLayout {
    if let salientRoot, let mturk {
      let tree = try SalientImageNetTree(root: salientRoot, verdicts: SalientFeatureVerdicts(contentsOf: mturk))
      return .salientImageNet(tree, perFeature: perFeature)
    }
    precondition(coreMasks != nil || spuriousMasks != nil, "no masks given")
    return .plain(
      core: try coreMasks.map { try ImageDirectory(path: $0, subdirectories: true) },
      spurious: try spuriousMasks.map { try ImageDirectory(path: $0, subdirectories: true) })
  }

  /// `plain` or `salient_imagenet`.
  public var name: String {
    switch self {
    case .plain: "plain"
    case .salientImageNet: "salient_imagenet"
    }
  }

  /// The masks of every image of `list`, in list order. For Salient ImageNet, as its
  /// loader (`SalientImageNet.__getitem__`) builds them: one core mask per image, the
  /// maximum over every core feature that lists the image, and one spurious mask likewise
  /// (an image without features of a kind has no mask of that kind); with `perFeature`,
  /// one mask per (image, feature).
  ///
  /// - Throws: ``InputError`` for an image without masks (naming the list line), a Salient
  ///   ImageNet feature without a verdict, or a missing mask file.
  public func references(for list: ImageList) throws -> [[MaskReference]] {
    try list.entries.indices.map { index in
      let id = list.entries[index].id
      switch self {
      case .plain(let core, let spurious):
        return try [(MaskKind.core, core), (.spurious, spurious)].compactMap { kind, directory in
          guard let directory else { return nil }
          guard let paths = directory.files[id] else {
            throw InputError(directory.path, "no \(kind.rawValue) mask for \(list.describe(index)) (expected \(id).png, .jpeg, .npy or \(id)/)")
          }
          return MaskReference(kind: kind, paths: paths)
        }
      case .salientImageNet(let tree, let perFeature):
        let masks = try tree.masks(for: id)
        guard !masks.isEmpty else {
          throw InputError(
            list.name,
            "\(ImageList.location(list.entries[index].line))image \(id) is not listed in any \(tree.root)/<wnid>/image_fnames.csv")
        }
        if perFeature {
          return masks.map {
            MaskReference(kind: $0.kind, paths: [$0.path], features: [$0.feature], classIndex: $0.classIndex, quantized: true)
          }
        }
        return MaskKind.allCases.compactMap { kind in
          let selected = masks.filter { $0.kind == kind }
          guard let first = selected.first else { return nil }
          return MaskReference(
            kind: kind, paths: selected.map(\.path), features: selected.map(\.feature), classIndex: first.classIndex,
            quantized: true)
        }
      }
    }
  }
}
