// ssl-quality · CSVOptions.swift — `--raw-csv`, for the commands whose CSV outputs hold ids or names.

import ArgumentParser

/// `--raw-csv`: CSV fields verbatim, without the formula neutralisation ``CSVWriter`` applies.
struct CSVOptions: ParsableArguments {
  @Flag(
    help: """
      Write CSV text fields verbatim. By default a field that begins with =, +, -, @, a tab or a \
      carriage return and is not a number gets a leading ' so spreadsheets show it as text \
      instead of running it as a formula.
      """)
  var rawCSV = false
}
