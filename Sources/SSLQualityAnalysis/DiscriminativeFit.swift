// ssl-quality · DiscriminativeFit.swift — Dset by the one rule: the matrix it is fitted on, and the fit.

import SSLQuality
import SSLQualityIO

/// The matrix `Dset` is fitted on, chosen by the one rule of ``DiscriminativeSource``, and
/// the fit itself: the one code path of every analysis that computes `Dset` or Q
/// (`features`, `score`, `calibrate`, `compress`, `compare`, `report`, `finetune`'s
/// evaluation).
///
/// The rule: `--discriminative-from FILE` when given; else the train split when the
/// analysis has one; else the analysed matrix itself. `Dset` is then the band of the
/// chosen matrix's activation frequencies `A_j` at the analysis's ε, and Q is computed
/// on the analysed matrix with that `Dset`.
public struct DiscriminativeFit: Sendable {
  /// Which rule chose the matrix, and its name as results report it.
  public let rule: DiscriminativeSource.Rule
  public let path: String
  /// The chosen rows, `nil` for the analysed matrix (whose pass the analysis runs anyway).
  private let rows: Rows?

  private enum Rows: Sendable {
    case stored(StoredMatrix)
    case loaded(Matrix)
  }

  /// Applies the rule.
  ///
  /// - Parameters:
  ///   - discriminativeFrom: the `--discriminative-from` file, when given.
  ///   - train: the analysis's train split in memory and its name, when it has one.
  ///   - analysed: the analysed matrix's name, and its width.
  /// - Throws: ``InputError`` naming the `--discriminative-from` file when it cannot be
  ///   read or is not as wide as the analysed matrix.
  public static func choose(
    discriminativeFrom: String?, train: (name: String, matrix: Matrix)?, analysed: String, features: Int
  ) throws -> DiscriminativeFit {
    if let discriminativeFrom {
      let fit = try ArrayFile.matrix(discriminativeFrom)
      guard fit.columns == features else {
        throw InputError(fit.array.name, "has \(fit.columns) features but \(analysed) has \(features)")
      }
      return DiscriminativeFit(rule: .discriminativeFrom, path: fit.array.name, rows: .stored(fit))
    }
    if let train { return DiscriminativeFit(rule: .train, path: train.name, rows: .loaded(train.matrix)) }
    return DiscriminativeFit(rule: .analysed, path: analysed, rows: nil)
  }

  /// The same choice for a transformed representation (`finetune`'s adapted features):
  /// the chosen file or train split passed through `transform` and named with `suffix`
  /// appended, or the analysed matrix (then named `analysed`).
  public func mapped(suffix: String, analysed: String, context: ExecutionContext, _ transform: (Matrix) -> Matrix) -> DiscriminativeFit {
    switch rows {
    case .stored(let stored)?: DiscriminativeFit(rule: rule, path: path + suffix, rows: .loaded(transform(stored.load(context: context))))
    case .loaded(let matrix)?: DiscriminativeFit(rule: rule, path: path + suffix, rows: .loaded(transform(matrix)))
    case nil: DiscriminativeFit(rule: rule, path: analysed, rows: nil)
    }
  }

  /// `Dset` at `epsilon` within `band`, and where it came from. `analysed` gives the
  /// profile of the analysed matrix (at `epsilon`), used only when the rule chose it;
  /// otherwise the chosen matrix gets its own pass (rows holding NaN or ±∞ left out with a
  /// notice, or refused under `strict`).
  ///
  /// - Throws: ``InputError`` for non-finite rows of the chosen matrix under `strict`, or
  ///   what `analysed` throws.
  public func fit(
    epsilon: Double, band: ClosedRange<Double>, strict: Bool, context: ExecutionContext, notices: NoticeSink,
    analysed: @autoclosure () throws -> ActivationProfile
  ) throws -> (discriminative: DiscriminativeFeatures, source: DiscriminativeSource) {
    let profile: ActivationProfile
    switch rows {
    case .stored(let stored)?:
      profile = try ActivationPass.run(stored, epsilon: epsilon, extremes: false, strict: strict, context: context, notices: notices)
    case .loaded(let matrix)?:
      profile = try ActivationPass.run(matrix, name: path, epsilon: epsilon, extremes: false, strict: strict, context: context, notices: notices)
    case nil:
      profile = try analysed()
    }
    return (
      DiscriminativeFeatures(frequencies: profile.activationFrequency, band: band),
      DiscriminativeSource(rule: rule, path: path, samples: profile.finiteSamples)
    )
  }

  /// `calibrate`'s fit: the chosen matrix's activation frequencies at every ε of
  /// `epsilons` (in ``LayeredActivations``' order, smallest ε first) and the source, or
  /// `nil` when the rule chose the analysed matrix.
  public func frequencies(epsilons: [Double], context: ExecutionContext) -> (frequencies: [[Double]], source: DiscriminativeSource)? {
    let layers: LayeredActivations.Partial
    switch rows {
    case .stored(let stored)?: layers = EpsilonCalibration.layers(stored, epsilons: epsilons, name: path, context: context)
    case .loaded(let matrix)?: layers = EpsilonCalibration.layers(matrix, epsilons: epsilons, name: path, context: context)
    case nil: return nil
    }
    return (layers.activationFrequencies, DiscriminativeSource(rule: rule, path: path, samples: layers.finiteRowCount))
  }
}
