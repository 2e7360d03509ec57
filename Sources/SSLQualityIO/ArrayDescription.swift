// ssl-quality · ArrayDescription.swift — what an array file says it holds, from its header alone.

/// The name, container format, layout (type, shape, order) and file size of a stored
/// array, as its header states them: what `inspect` lists without reading values.
public struct ArrayDescription: Sendable, Equatable {
  /// How the array is named in messages: the path, with `:key` for archive members.
  public let name: String
  /// The container format.
  public let format: ArrayFormat
  /// Type, shape and order.
  public let layout: ArrayLayout
  /// Size of the file on disk in bytes.
  public let fileByteCount: Int

  init(name: String, format: ArrayFormat, layout: ArrayLayout, fileByteCount: Int) {
    (self.name, self.format, self.layout, self.fileByteCount) = (name, format, layout, fileByteCount)
  }

  /// The description of an opened array.
  public init(_ array: StoredArray) {
    self.init(name: array.name, format: array.format, layout: array.layout, fileByteCount: array.fileByteCount)
  }
}
