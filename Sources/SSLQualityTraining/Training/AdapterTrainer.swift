// ssl-quality · AdapterTrainer.swift — one optimisation step of adapter + head + objective.

import SSLQuality

/// Fine-tuning a ``ResidualAdapter`` on frozen features of two augmented views with a
/// SimCLR head and NT-Xent, optionally plus the ``QScoreRegularizer`` on the adapter's
/// output (`L = L_ssl + R(h'_0) + R(h'_1)`), trained by SGD. One ``step(_:_:learningRate:)``:
///
/// ```
/// h'_v = adapter(x_v),  z_v = head(h'_v)             v = 0, 1 (BatchNorm in training mode)
/// L = NTXent(z_0, z_1) [+ R(h'_0) + R(h'_1)];  backward through head and adapter;  SGD step
/// ```
///
/// How the pieces compose (a template for other objectives):
///
/// ```swift
/// var random = RandomSource(seed: 0)
/// var trainer = AdapterTrainer(features: 2048, hidden: 2048, projection: 128, random: &random)
/// for step in 0..<steps {
///   let lr = Schedule.warmupCosine(step: step, maxSteps: steps, start: 0.05, end: 0, warmupSteps: 10)
///   let loss = trainer.step(view0Batch, view1Batch, learningRate: lr)
/// }
/// let adapted = trainer.adapter(features)   // h' for new data
/// ```
public struct AdapterTrainer: Sendable {
  public var adapter: ResidualAdapter<Float>
  public var head: ProjectionHead<Float>
  public var objective: NTXent
  public var regularizer: QScoreRegularizer?
  public var optimizer: SGD<Float>
  /// Threads for the products (OpenBLAS) and the regulariser's set selection.
  public var context: ExecutionContext

  public init(
    features: Int, hidden: Int, projection: Int = 128, objective: NTXent = NTXent(), regularizer: QScoreRegularizer? = nil,
    optimizer: SGD<Float> = SGD(momentum: 0.9, weightDecay: 1e-6), context: ExecutionContext = .serial, random: inout RandomSource
  ) {
    adapter = ResidualAdapter(features: features, hidden: hidden, random: &random)
    head = .simCLR(inputs: features, hidden: features, outputs: projection, random: &random)
    self.objective = objective
    self.regularizer = regularizer
    self.optimizer = optimizer
    self.context = context
  }

  /// Adapter and head parameters under `adapter.` and `head.` names.
  public var parameters: ParameterSet<Float> {
    get { adapter.parameters.prefixed("adapter") + head.parameters.prefixed("head") }
    set {
      adapter.parameters = newValue.scoped("adapter")
      head.parameters = newValue.scoped("head")
    }
  }

  /// What one step measured.
  public struct StepLoss: Sendable {
    /// The SSL objective and the regulariser (0 without one), before the update.
    public var objective: Double, regularizer: Double
  }

  /// One forward, backward and optimiser step on a batch of two views (`B × D` each).
  public mutating func step(_ view0: Tensor<Float>, _ view1: Tensor<Float>, learningRate: Double) -> StepLoss {
    context.blas { step(view0, view1, learningRate) }
  }

  private mutating func step(_ view0: Tensor<Float>, _ view1: Tensor<Float>, _ learningRate: Double) -> StepLoss {
    let (h0, adapterTape0) = adapter.forward(view0, training: true)
    let (h1, adapterTape1) = adapter.forward(view1, training: true)
    let (z0, headTape0) = head.forward(h0, training: true)
    let (z1, headTape1) = head.forward(h1, training: true)
    let loss = objective.evaluate(z0, z1)
    var (dh0, head0) = head.backward(loss.gradients[0], tape: headTape0)
    var (dh1, head1) = head.backward(loss.gradients[1], tape: headTape1)
    var regularization = 0.0
    if let regularizer {
      let r0 = regularizer.evaluate(h0, context: context), r1 = regularizer.evaluate(h1, context: context)
      regularization = r0.value + r1.value
      dh0 = dh0 + r0.gradients[0]
      dh1 = dh1 + r1.gradients[0]
    }
    let adapter0 = adapter.backward(dh0, tape: adapterTape0, inputGradient: false).parameters
    let adapter1 = adapter.backward(dh1, tape: adapterTape1, inputGradient: false).parameters
    let gradients = Self.sum(adapter0, adapter1).prefixed("adapter") + Self.sum(head0, head1).prefixed("head")
    var p = parameters
    optimizer.step(&p, gradients: gradients, learningRate: learningRate)
    parameters = p
    return StepLoss(objective: loss.value, regularizer: regularization)
  }

  /// `a + b` by name (a name missing from `b` keeps `a`'s tensor).
  static func sum(_ a: ParameterSet<Float>, _ b: ParameterSet<Float>) -> ParameterSet<Float> {
    var out = a
    for (index, name) in a.names.enumerated() {
      if let other = b[name] { out.set(index, a.tensors[index] + other) }
    }
    return out
  }
}
