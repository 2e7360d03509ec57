// ssl-quality · CSVReader.swift — comma-separated tables (RFC 4180) with line numbers for errors.

import Foundation

/// A CSV table: a header row and records, each with the line it starts on.
public struct CSVTable: Sendable {
  /// One record and the 1-based line of the file it starts on.
  public struct Record: Sendable {
    public var line: Int
    public var fields: [String]
  }

  /// The file the table came from (used in errors).
  public var name: String
  public var header: [String]
  public var records: [Record]

  /// Parses `text`: fields separated by commas, records by LF or CRLF, fields optionally
  /// quoted with `"` (a quoted field may hold commas, line breaks and `""` for a quote).
  /// Blank lines and a leading byte-order mark are skipped.
  ///
  /// - Throws: ``InputError`` naming `name` and the line for an empty table or an
  ///   unterminated quote.
  public init(parsing text: String, name: String) throws {
    self.name = name
    var rows: [Record] = []
    var fields: [String] = [], field = "", quoted = false, fieldWasQuoted = false
    var line = 1, recordLine = 1
    var scalars = text.unicodeScalars.makeIterator()
    var pending: Unicode.Scalar? = scalars.next()
    if pending == "\u{FEFF}" { pending = scalars.next() }

    func endRecord() {
      fields.append(field)
      if !(fields.count == 1 && fields[0].isEmpty && !fieldWasQuoted) { rows.append(Record(line: recordLine, fields: fields)) }
      fields = []
      field = ""
      fieldWasQuoted = false
    }

    while let scalar = pending {
      pending = scalars.next()
      if quoted {
        if scalar == "\"" {
          if pending == "\"" {
            field.unicodeScalars.append("\"")
            pending = scalars.next()
          } else {
            quoted = false
          }
        } else {
          if scalar == "\n" { line += 1 }
          field.unicodeScalars.append(scalar)
        }
        continue
      }
      switch scalar {
      case "\"" where field.isEmpty && !fieldWasQuoted:
        quoted = true
        fieldWasQuoted = true
      case ",":
        fields.append(field)
        field = ""
        fieldWasQuoted = false
      case "\r" where pending == "\n":
        continue
      case "\n":
        endRecord()
        line += 1
        recordLine = line
      default:
        field.unicodeScalars.append(scalar)
      }
    }
    if quoted { throw InputError(name, "line \(recordLine): a quoted field is not closed") }
    if !field.isEmpty || !fields.isEmpty || fieldWasQuoted { endRecord() }
    guard let first = rows.first else { throw InputError(name, "the CSV file is empty") }
    header = first.fields.map { $0.trimmingCharacters(in: .whitespaces) }
    records = Array(rows.dropFirst())
  }

  /// Reads and parses the CSV file at `path`.
  public init(contentsOf path: String) throws {
    try self.init(parsing: MappedFile.text(path), name: path)
  }

  /// The position of each of `columns` in the header.
  ///
  /// - Throws: ``InputError`` listing the missing columns.
  public func columnIndices(_ columns: [String]) throws -> [Int] {
    let missing = columns.filter { !header.contains($0) }
    guard missing.isEmpty else {
      throw InputError(name, "line 1: missing column\(missing.count > 1 ? "s" : "") \(missing.joined(separator: ", "))")
    }
    return columns.compactMap { header.firstIndex(of: $0) }
  }
}
