// ssl-quality · ExponentialMovingAverage.swift — momentum targets (BYOL, MoCo, DINO).

/// Moves a target model's parameters towards an online model's, as lightly's
/// `update_momentum`: `θ_target ← m · θ_target + (1 − m) · θ_online` for every parameter
/// (buffers such as running statistics are not averaged). `m` usually follows
/// ``Schedule/emaMomentum(step:maxSteps:base:)``.
public func updateMomentum<L: Layer>(target: inout L, online: L, momentum m: Double) {
  var t = target.parameters
  let o = online.parameters
  precondition(t.names == o.names, "target and online models differ")
  let a = L.Scalar(m), b = L.Scalar(1 - m)
  for index in 0..<t.count {
    var tensor = t.tensors[index]
    let source = o.tensors[index].scalars
    for i in tensor.scalars.indices { tensor.scalars[i] = a * tensor.scalars[i] + b * source[i] }
    t.set(index, tensor)
  }
  target.parameters = t
}
