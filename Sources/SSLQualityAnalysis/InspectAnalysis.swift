// ssl-quality · InspectAnalysis.swift — what array and image files hold, and optionally their value statistics.

import SSLQuality
import SSLQualityIO

/// Describes array files (`.npy`, `.npz`, `.safetensors`; every member of an archive
/// without `:KEY`) and PNG/JPEG images: format, dtype, shape, order, size, and with
/// ``stats`` the value statistics of one streamed pass (images: of the gray image in
/// [0, 1]), plus class counts for 1-D integer arrays. Without ``stats`` only headers are
/// read (an archive member is inflated only as far as its `.npy` header).
public struct InspectAnalysis: Analysis {
  /// Files: `path`, `path.npz:key`, `path.safetensors:name` or `path.pth:key`.
  public var files: [String]
  /// Compute value statistics (one streamed pass per array).
  public var stats = false

  public init(files: [String]) { self.files = files }

  /// - Throws: ``InputError`` for unreadable or malformed files.
  public func run(context: ExecutionContext, notices: NoticeSink) throws -> InspectResult {
    InspectResult(files: try files.flatMap { try describe($0, context: context) })
  }

  private func describe(_ file: String, context: ExecutionContext) throws -> [InspectEntry] {
    let path = ArrayFile.split(file).path
    if try ImageFile.isImageFile(path) {
      let description = try ImageFile.describe(path)
      var shape = [description.height, description.width]
      if description.channels > 1 { shape.append(description.channels) }
      var statistics: MatrixStatistics?
      if stats {
        let image = try ImageFile.load(path)
        let matrix = Matrix(rows: image.height, columns: image.width, values: image.pixels)
        statistics = MatrixStatistics.compute(matrix, name: file, context: context)
      }
      return [
        InspectEntry(
          path: file, format: description.format, dtype: description.bitsPerSample == 16 ? "<u2" : "|u1",
          shape: shape, fortranOrder: false, bytes: try ImageFile.byteCount(path), stats: statistics.map(InspectEntry.Stats.init))
      ]
    }
    guard stats else {
      return try ArrayFile.describeAll(file).map { InspectEntry($0) }
    }
    return try ArrayFile.openAll(file).map { array in
      var classes: ClassCounts?
      if array.layout.shape.count == 1, !array.layout.elementType.isFloatingPoint {
        classes = ClassCounts(try array.labels())
      }
      let statistics = MatrixStatistics.compute(array.flattenedMatrix(), name: array.name, context: context)
      context.report(.finished)
      return InspectEntry(ArrayDescription(array), stats: InspectEntry.Stats(statistics), classCounts: classes.map(InspectEntry.Classes.init))
    }
  }
}

extension InspectEntry {
  /// The entry of an array file: what its header says, with the statistics of its values
  /// when they were read.
  init(_ array: ArrayDescription, stats: Stats? = nil, classCounts: Classes? = nil) {
    self.init(
      path: array.name, format: array.format.rawValue, dtype: array.layout.dtype, shape: array.layout.shape,
      fortranOrder: array.layout.fortranOrder, bytes: array.fileByteCount, stats: stats, classCounts: classCounts)
  }
}

/// The result of ``InspectAnalysis`` (the `inspect --json` document).
public struct InspectResult: Codable, Sendable, Equatable {
  public var files: [InspectEntry]

  enum CodingKeys: String, OrderedCodingKey {
    case files
  }
}

/// One described file or archive member.
public struct InspectEntry: Codable, Sendable, Equatable {
  public var path: String
  public var format: String
  public var dtype: String
  public var shape: [Int]
  public var fortranOrder: Bool
  public var bytes: Int
  /// With `--stats`.
  public var stats: Stats?
  /// Samples per label, for 1-D integer arrays with `--stats`.
  public var classCounts: Classes?

  enum CodingKeys: String, OrderedCodingKey {
    case path, format, dtype, shape, fortranOrder = "fortran_order", bytes, stats, classCounts = "class_counts"
  }

  /// Value statistics: min and max of the finite entries (`null` when none), their mean,
  /// NaN and ±∞ counts, rows holding them, all-zero rows, constant columns, negative share.
  public struct Stats: Codable, Sendable, Equatable {
    public var rows: Int, columns: Int
    @NullWhenAbsent public var min: Double?
    @NullWhenAbsent public var max: Double?
    public var mean: Double
    public var nan: Int, inf: Int
    public var nonfiniteRows: Int, firstNonfiniteRows: [Int]
    public var zeroRows: Int, constantColumns: Int
    public var negativeShare: Double

    enum CodingKeys: String, OrderedCodingKey {
      case rows, columns, min, max, mean, nan, inf
      case nonfiniteRows = "nonfinite_rows", firstNonfiniteRows = "first_nonfinite_rows", zeroRows = "zero_rows"
      case constantColumns = "constant_columns", negativeShare = "negative_share"
    }

    init(_ s: MatrixStatistics) {
      (rows, columns, min, max, mean) = (s.rows, s.columns, s.minimum.map(Double.init), s.maximum.map(Double.init), s.mean)
      (nan, inf, nonfiniteRows, firstNonfiniteRows) = (s.nanCount, s.infinityCount, s.nonFiniteRows, s.firstNonFiniteRows)
      (zeroRows, constantColumns, negativeShare) = (s.zeroRows, s.constantColumns, s.negativeShare)
    }
  }

  /// Distinct labels, the smallest and largest class, and (up to ``listedClasses``
  /// labels) every label's count.
  public struct Classes: Codable, Sendable, Equatable {
    public var classes: Int, smallest: Int, largest: Int
    public var counts: [Count]?

    enum CodingKeys: String, OrderedCodingKey {
      case classes, smallest, largest, counts
    }

    /// One label and its number of samples.
    public struct Count: Codable, Sendable, Equatable {
      public var label: Int, count: Int

      enum CodingKeys: String, OrderedCodingKey {
        case label, count
      }
    }

    /// Most class counts listed one by one; beyond, only the summary (the array is likely no label array).
    public static let listedClasses = 1000

    init(_ c: ClassCounts) {
      (classes, smallest, largest) = (c.classes, c.smallest, c.largest)
      counts = c.classes <= Self.listedClasses ? c.entries.map { Count(label: $0.label, count: $0.count) } : nil
    }
  }
}

extension InspectResult: AnalysisOutcome {
  public var result: InspectResult { self }
}
