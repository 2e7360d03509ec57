// ssl-quality · ResidualAdapter.swift — the residual adapter fine-tuning trains.

import SSLQuality

/// A residual adapter on frozen features: `h' = relu(h + fc2(relu(fc1(h))))`, with
/// `fc1: D → hidden` and `fc2: hidden → D` (weights `fc1.weight`, `fc1.bias`, `fc2.weight`,
/// `fc2.bias`). `fc2` starts at zero, so the adapter starts as `relu(h)` — the identity on
/// post-ReLU features.
public struct ResidualAdapter<Scalar: TrainingScalar>: Layer {
  public var fc1: Linear<Scalar>, fc2: Linear<Scalar>

  public init(features: Int, hidden: Int, random: inout SeededGenerator) {
    fc1 = Linear(inputs: features, outputs: hidden, random: &random)
    fc2 = Linear(weight: Tensor(shape: [features, hidden]), bias: Tensor(shape: [features]))
  }

  /// The adapter with these layers (a saved adapter).
  ///
  /// - Precondition: `fc1` maps `D → hidden` and `fc2` maps `hidden → D`.
  public init(fc1: Linear<Scalar>, fc2: Linear<Scalar>) {
    precondition(fc2.inputs == fc1.outputs && fc2.outputs == fc1.inputs, "fc1 and fc2 of an adapter must map D → hidden → D")
    self.fc1 = fc1
    self.fc2 = fc2
  }

  public var parameters: ParameterSet<Scalar> {
    get { fc1.parameters.prefixed("fc1") + fc2.parameters.prefixed("fc2") }
    set {
      fc1.parameters = newValue.scoped("fc1")
      fc2.parameters = newValue.scoped("fc2")
    }
  }

  public func forward(_ input: Tensor<Scalar>, training: Bool) -> (output: Tensor<Scalar>, tape: Tape<Scalar>) {
    let (u, t1) = fc1.forward(input, training: training)
    let (v, tr) = ReLU<Scalar>().forward(u, training: training)
    var (w, t2) = fc2.forward(v, training: training)
    w.addRectified(input)
    return (w, Tape(saved: [w], children: [t1, tr, t2]))
  }

  public func backward(_ gradient: Tensor<Scalar>, tape: Tape<Scalar>) -> (input: Tensor<Scalar>, parameters: ParameterSet<Scalar>) {
    backward(gradient, tape: tape, inputGradient: true)
  }

  /// The backward pass; with `inputGradient: false` the gradient with respect to the
  /// (frozen) input features is not formed (one BLAS product fewer) and is returned empty.
  public func backward(_ gradient: Tensor<Scalar>, tape: Tape<Scalar>, inputGradient: Bool)
    -> (input: Tensor<Scalar>, parameters: ParameterSet<Scalar>)
  {
    let dz = ReLU<Scalar>.masked(gradient, by: tape.saved[0])
    let (dv, d2) = fc2.backward(dz, tape: tape.children[2])
    let du = ReLU<Scalar>.masked(dv, by: tape.children[1].saved[0])
    let grads = fc1.parameterGradients(du, tape: tape.children[0]).prefixed("fc1") + d2.prefixed("fc2")
    guard inputGradient else { return (Tensor(shape: [0]), grads) }
    return (dz + du.matmul(fc1.weight), grads)
  }
}
