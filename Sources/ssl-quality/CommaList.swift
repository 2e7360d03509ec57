// ssl-quality · CommaList.swift — every comma-separated option value: `--fractions 0.5,1`, `--names a,b`.

import ArgumentParser
import Foundation

/// A comma-separated option value `a,b,c`, each item read as `Element` (`Double`, `Int`,
/// `String`…): as given, or else with the spaces around it dropped (`0.5, 1`). Empty items
/// are items, so `a,,c` is three names and `1,,2` holds a bad number.
///
/// Declare an option with `transform: CommaList.parse` so that a bad item is named in
/// the error: `The value '0.5,x' is invalid for '--fractions <fractions>': item 2, 'x', is
/// not a number`. Such an option shows no default in the help, so the options are optional
/// (the analysis holds the default) and their help states it.
struct CommaList<Element: ExpressibleByArgument & Sendable>: ExpressibleByArgument, Sendable {
  var values: [Element]

  init(_ values: [Element]) { self.values = values }

  init?(argument: String) {
    guard let list = try? Self.parse(argument) else { return nil }
    self = list
  }

  /// The items of `text`, in order.
  ///
  /// - Throws: ``BadItem`` naming the first item that is not an `Element`.
  static func parse(_ text: String) throws -> CommaList {
    let items = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    return CommaList(
      try items.enumerated().map { index, item in
        guard let value = Element(argument: item) ?? Element(argument: item.trimmingCharacters(in: .whitespaces)) else {
          throw BadItem(position: index + 1, item: item, expected: Element.self is any BinaryInteger.Type ? "an integer" : "a number")
        }
        return value
      })
  }

  /// A list item that is not an `Element`, as the option's error words it.
  struct BadItem: Error, CustomStringConvertible {
    var position: Int
    var item: String
    var expected: String
    var description: String { "item \(position), '\(item)', is not \(expected)" }
  }
}
