// ssl-quality · ImageList.swift — the image ids heatmaps, masks, labels and predictions are aligned with.

import Foundation

/// An ordered list of image ids, one per heatmap.
public struct ImageList: Sendable {
  /// One image id and the line of the list file it came from (0 when not from a file).
  public struct Entry: Sendable, Equatable {
    public var id: String
    public var line: Int
  }

  /// The list file (or directory) the ids came from, used in errors.
  public let name: String
  public let entries: [Entry]

  /// Extensions stripped from ids, so `n01440764_10043.JPEG` and `n01440764_10043` name the
  /// same image.
  public static let imageExtensions: Set<String> = ["png", "jpg", "jpeg", "npy"]

  /// Reads `path`: one image id per line (a ``ListFile``: LF or CRLF, an optional byte-order
  /// mark; surrounding spaces ignored, blank lines skipped).
  /// An id may carry a directory and an image extension, both dropped.
  ///
  /// - Throws: ``InputError`` naming the file and line of a duplicate id, or for an empty list.
  public init(contentsOf path: String) throws {
    var entries: [Entry] = []
    for (offset, line) in try ListFile.lines(path).enumerated() {
      let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
      if !trimmed.isEmpty { entries.append(Entry(id: Self.imageID(trimmed), line: offset + 1)) }
    }
    try self.init(name: path, entries: entries)
  }

  /// A list of `ids` (e.g. the files of a heatmap directory) named `name` in errors.
  public init(name: String, ids: [String]) throws {
    try self.init(name: name, entries: ids.map { Entry(id: $0, line: 0) })
  }

  private init(name: String, entries: [Entry]) throws {
    guard !entries.isEmpty else { throw InputError(name, "lists no images") }
    var seen: [String: Int] = [:]
    for entry in entries {
      if let first = seen[entry.id] {
        throw InputError(name, "\(Self.location(entry.line))image \(entry.id) is listed twice (first on line \(first))")
      }
      seen[entry.id] = entry.line
    }
    self.name = name
    self.entries = entries
  }

  /// Number of images.
  public var count: Int { entries.count }

  /// `line N: ` for an entry from a file, else empty.
  public static func location(_ line: Int) -> String { line > 0 ? "line \(line): " : "" }

  /// Entry `index` for messages: `image n01_7 (line 3 of list.txt)`.
  public func describe(_ index: Int) -> String {
    let entry = entries[index]
    return entry.line > 0 ? "image \(entry.id) (line \(entry.line) of \(name))" : "image \(entry.id)"
  }

  /// `text` without a directory part or an image extension.
  public static func imageID(_ text: String) -> String {
    let base = text.split(separator: "/").last.map(String.init) ?? text
    guard let dot = base.lastIndex(of: "."), imageExtensions.contains(base[base.index(after: dot)...].lowercased()) else {
      return base
    }
    return String(base[..<dot])
  }
}
