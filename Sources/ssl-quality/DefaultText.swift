// ssl-quality · DefaultText.swift — how help texts show a loss's default.

import Foundation

/// A default value as help texts show it (`%g`: 25, 0.04, 0.0001), so that the texts
/// quote the losses' own defaults instead of repeating them.
func defaultText(_ value: Double) -> String { String(format: "%g", value) }

/// A percentile band as `lo:hi`, the spelling `--band` takes.
func defaultText(_ band: ClosedRange<Double>) -> String { "\(defaultText(band.lowerBound)):\(defaultText(band.upperBound))" }
