// ssl-quality · DiscriminativeFitTests.swift — the one rule for where Dset is fitted, and the fit it gives.

import SSLQuality
import SSLQualityAnalysis
import SSLQualityIO
import TestSupport
import Testing

@Suite struct DiscriminativeFitTests {
  static let train = Fixtures.path("demo/train.npy"), test = Fixtures.path("demo/test.npy")

  static func matrix(_ path: String) throws -> Matrix { try ArrayFile.matrix(path).load(context: .serial) }

  @Test("--discriminative-from first, then the train split, then the analysed matrix") func precedence() throws {
    let train = try Self.matrix(Self.train)
    let given = try DiscriminativeFit.choose(discriminativeFrom: Self.train, train: ("other.npy", train), analysed: Self.test, features: 256)
    #expect(given.rule == .discriminativeFrom && given.path == Self.train)
    let split = try DiscriminativeFit.choose(discriminativeFrom: nil, train: ("split.npy", train), analysed: Self.test, features: 256)
    #expect(split.rule == .train && split.path == "split.npy")
    let own = try DiscriminativeFit.choose(discriminativeFrom: nil, train: nil, analysed: Self.test, features: 256)
    #expect(own.rule == .analysed && own.path == Self.test)
  }

  @Test("a file of another width is refused, naming it") func width() throws {
    #expect(throws: InputError.self) {
      try DiscriminativeFit.choose(discriminativeFrom: Fixtures.path("score/ties.npy"), train: nil, analysed: Self.test, features: 256)
    }
  }

  @Test("the train split in memory, the same file from disk and calibrate's per-ε pass give one Dset") func oneDset() throws {
    let train = try Self.matrix(Self.train)
    let analysed = ActivationProfile.measure(try Self.matrix(Self.test), epsilon: 4, context: .serial)
    func fit(_ choice: DiscriminativeFit) throws -> (DiscriminativeFeatures, DiscriminativeSource) {
      try choice.fit(epsilon: 4, band: 50...95, strict: false, context: .serial, notices: .silent, analysed: analysed)
    }
    let (fromSplit, splitSource) = try fit(.choose(discriminativeFrom: nil, train: (Self.train, train), analysed: Self.test, features: 256))
    let (fromFile, fileSource) = try fit(.choose(discriminativeFrom: Self.train, train: nil, analysed: Self.test, features: 256))
    let (own, ownSource) = try fit(.choose(discriminativeFrom: nil, train: nil, analysed: Self.test, features: 256))
    #expect(fromSplit.indices == fromFile.indices && fromSplit.count == 17)
    #expect(splitSource.samples == 5000 && fileSource.samples == 5000 && ownSource.samples == 2000)
    #expect(own.indices == DiscriminativeFeatures(frequencies: analysed.activationFrequency, band: 50...95).indices)
    let layered = try #require(
      DiscriminativeFit.choose(discriminativeFrom: nil, train: (Self.train, train), analysed: Self.test, features: 256)
        .frequencies(epsilons: [2, 4], context: .serial))
    #expect(layered.frequencies[1] == fromSplit.frequencies)
    #expect(layered.source == splitSource)
  }

  @Test("a transformed representation takes its train split through the same transform") func mapped() throws {
    let train = try Self.matrix(Self.train)
    let choice = try DiscriminativeFit.choose(discriminativeFrom: nil, train: (Self.train, train), analysed: Self.test, features: 256)
    let identity = choice.mapped(suffix: " (same)", analysed: Self.test, context: .serial) { $0 }
    #expect(identity.rule == .train && identity.path == Self.train + " (same)")
    let analysed = ActivationProfile.measure(try Self.matrix(Self.test), epsilon: 4, context: .serial)
    let a = try choice.fit(epsilon: 4, band: 50...95, strict: false, context: .serial, notices: .silent, analysed: analysed)
    let b = try identity.fit(epsilon: 4, band: 50...95, strict: false, context: .serial, notices: .silent, analysed: analysed)
    #expect(a.discriminative.indices == b.discriminative.indices)
    let own = try DiscriminativeFit.choose(discriminativeFrom: nil, train: nil, analysed: Self.test, features: 256)
    #expect(own.mapped(suffix: " (same)", analysed: "adapted", context: .serial) { $0 }.path == "adapted")
  }
}
